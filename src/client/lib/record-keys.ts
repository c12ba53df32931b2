/**
 * Every query key of Bigin records, general to specific, for the features that read records
 * (the pickers' recent records and searches, the record header's detail): `module(m)` holds all
 * that is kept of one module's records.
 */
export const recordKeys = {
  all: ['records'] as const,
  module: (module: string) => [...recordKeys.all, module] as const,
  recent: (module: string) => [...recordKeys.module(module), 'recent'] as const,
  search: (module: string, word: string) => [...recordKeys.module(module), 'search', word] as const,
  detail: (module: string, recordId: string) =>
    [...recordKeys.module(module), 'detail', recordId] as const,
};

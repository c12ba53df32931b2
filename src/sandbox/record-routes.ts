import type { FastifyInstance, FastifyReply } from 'fastify';
import { RECORD_NAME_FIELDS } from '../shared/bigin-record.ts';
import type { RouteContext } from './attachment-routes.ts';
import { requireModule, requireModuleAccess } from './bigin-access.ts';
import { BiginFailure } from './bigin-failure.ts';
import { ORG_MODULES } from './org-modules.ts';
import { pageOf, pickFields, readPaging, type PageQuery } from './paging.ts';
import { canReadModuleSettings, canSearch } from './scopes.ts';
import { parseCriteria, type Predicate } from './search-criteria.ts';
import type { SeedRecord } from './seed.ts';

type ListQuery = PageQuery & { fields?: string; sort_by?: string; sort_order?: string };
type SearchQuery = PageQuery & {
  word?: string;
  criteria?: string;
  email?: string;
  phone?: string;
  fields?: string;
};

/** The module list, record lists, search and single records: what the record picker needs. */
export function registerRecordRoutes(api: FastifyInstance, ctx: RouteContext): void {
  const { store } = ctx;

  api.get('/settings/modules', async (request) => {
    if (!canReadModuleSettings(ctx.caller(request).scopes)) {
      throw new BiginFailure('OAUTH_SCOPE_MISMATCH');
    }
    return { modules: ORG_MODULES };
  });

  api.get<{ Params: { module: string }; Querystring: ListQuery }>(
    '/:module',
    async (request, reply) => {
      const { module } = request.params;
      requireModule(module);
      requireModuleAccess(ctx.caller(request), module, 'READ');
      const { page, perPage } = readPaging(request.query);
      const records = sortRecords(store.recordsOf(module), module, request.query);
      return answer(reply, records, page, perPage, request.query.fields);
    },
  );

  api.get<{ Params: { module: string }; Querystring: SearchQuery }>(
    '/:module/search',
    async (request, reply) => {
      const { module } = request.params;
      requireModule(module);
      const caller = ctx.caller(request);
      requireModuleAccess(caller, module, 'READ');
      // Search needs its own scope besides the module's.
      if (!canSearch(caller.scopes)) throw new BiginFailure('OAUTH_SCOPE_MISMATCH');
      const matches = searchPredicate(module, request.query);
      const { page, perPage } = readPaging(request.query);
      const found = store.recordsOf(module).filter((r) => matches(r.fields));
      return answer(reply, found, page, perPage, request.query.fields);
    },
  );

  api.get<{ Params: { module: string; recordId: string } }>(
    '/:module/:recordId',
    async (request) => {
      const { module, recordId } = request.params;
      requireModule(module);
      requireModuleAccess(ctx.caller(request), module, 'READ');
      const record = store.findRecord(module, recordId);
      if (!record) {
        throw new BiginFailure(
          'INVALID_DATA',
          { resource_path_index: 1 },
          'the id given seems to be invalid',
        );
      }
      return { data: [record.fields] };
    },
  );
}

function answer(
  reply: FastifyReply,
  records: SeedRecord[],
  page: number,
  perPage: number,
  fields: string | undefined,
) {
  const found = pageOf(records, page, perPage);
  // Nothing to list is 204 with no body, for records as for attachments.
  if (!found) return reply.code(204).send();
  return { data: found.data.map((r) => pickFields(r.fields, fields)), info: found.info };
}

function sortRecords(records: SeedRecord[], module: string, query: ListQuery): SeedRecord[] {
  const sortable = ['id', 'Created_Time', 'Modified_Time', RECORD_NAME_FIELDS[module] ?? 'id'];
  const by = query.sort_by;
  if (by !== undefined && !sortable.includes(by)) {
    throw new BiginFailure('INVALID_DATA', { param_name: 'sort_by' }, 'invalid data');
  }
  const order = query.sort_order ?? 'desc';
  if (order !== 'asc' && order !== 'desc') {
    throw new BiginFailure('INVALID_DATA', { param_name: 'sort_order' }, 'invalid data');
  }
  if (by === undefined) return records;
  const sign = order === 'asc' ? 1 : -1;
  return [...records].sort(
    (a, b) => sign * String(a.fields[by] ?? '').localeCompare(String(b.fields[by] ?? '')),
  );
}

/** Exactly one of `word` (2 characters at least), `criteria`, `email`, `phone`. */
function searchPredicate(module: string, query: SearchQuery): Predicate {
  const given = (['word', 'criteria', 'email', 'phone'] as const).filter(
    (k) => query[k] !== undefined,
  );
  if (given.length === 0) {
    throw new BiginFailure('REQUIRED_PARAM_MISSING', { param_name: 'criteria' });
  }
  if (given.length > 1) {
    throw new BiginFailure('INVALID_QUERY', { param_name: given[1] });
  }
  const { word, criteria, email, phone } = query;
  if (word !== undefined) {
    if (word.trim().length < 2) throw new BiginFailure('INVALID_QUERY', { param_name: 'word' });
    const needle = word.trim().toLowerCase();
    const nameField = RECORD_NAME_FIELDS[module] ?? 'id';
    return (r) =>
      [r[nameField], r.Email, r.First_Name, r.Last_Name].some(
        (v) => typeof v === 'string' && v.toLowerCase().includes(needle),
      );
  }
  if (criteria !== undefined) {
    const predicate = parseCriteria(criteria);
    if (!predicate) throw new BiginFailure('INVALID_QUERY', { param_name: 'criteria' });
    return predicate;
  }
  if (email !== undefined)
    return (r) => String(r.Email ?? '').toLowerCase() === email.toLowerCase();
  return (r) => String(r.Phone ?? '').replace(/\D/g, '') === (phone ?? '').replace(/\D/g, '');
}

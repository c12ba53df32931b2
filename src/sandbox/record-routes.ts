import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RouteContext } from './attachment-routes.ts';
import { requireModule, requireModuleAccess } from './bigin-access.ts';
import { BiginFailure } from './bigin-failure.ts';
import { NAME_FIELDS, ORG_MODULES, type ApiVersion } from './org-modules.ts';
import { pageOf, pickFields, readPaging, type PageQuery } from './paging.ts';
import { canReadFieldSettings, canReadModuleSettings, canSearch } from './scopes.ts';
import { parseCriteria, type Predicate } from './search-criteria.ts';
import type { FileRecipe } from './file-bytes.ts';
import { fileIdOf } from './seed-attachments.ts';
import type { SeedRecord } from './seed-types.ts';

type ListQuery = PageQuery & {
  fields?: string;
  sort_by?: string;
  sort_order?: string;
  page_token?: string;
};

export interface RecordRoutesOptions {
  version: ApiVersion;
  /** Records reachable with `page` before v2 asks for `page_token` (Bigin's is 2,000). */
  discretePagingLimit: number;
}

/** A v2 list asks for at most 50 fields by name. */
const MAX_FIELDS = 50;
type SearchQuery = PageQuery & {
  word?: string;
  criteria?: string;
  email?: string;
  phone?: string;
  fields?: string;
};

/** The module list, record lists, search and single records: what the record picker needs. */
export function registerRecordRoutes(
  api: FastifyInstance,
  ctx: RouteContext,
  options: RecordRoutesOptions,
): void {
  const { store } = ctx;

  api.get('/settings/modules', async (request) => {
    if (!canReadModuleSettings(ctx.caller(request).scopes)) {
      throw new BiginFailure('OAUTH_SCOPE_MISMATCH');
    }
    return { modules: ORG_MODULES };
  });

  // The field metadata: the record picker reads each module's name field from it.
  api.get<{ Querystring: { module?: string } }>('/settings/fields', async (request) => {
    const { module } = request.query;
    if (!module) throw new BiginFailure('REQUIRED_PARAM_MISSING', { param_name: 'module' });
    requireModule(module);
    if (!canReadFieldSettings(ctx.caller(request).scopes)) {
      throw new BiginFailure('OAUTH_SCOPE_MISMATCH');
    }
    return { fields: fieldMetadata(module, store.recordsOf(module)) };
  });

  api.get<{ Params: { module: string }; Querystring: ListQuery }>(
    '/:module',
    async (request, reply) => {
      const { module } = request.params;
      requireModule(module);
      requireModuleAccess(ctx.caller(request), module, 'READ');
      const { fields } = request.query;
      if (options.version === 'v2') requireFieldList(fields);
      const records = sortRecords(store.recordsOf(module), module, request.query);
      if (options.version === 'v1') {
        const { page, perPage } = readPaging(request.query);
        return answer(reply, records, page, perPage, fields);
      }
      return answerV2(reply, module, records, request.query, options.discretePagingLimit);
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
      return { data: [withPhotoField(record)] };
    },
  );

  /** `Record_Image` as the record's photo stands now: its id, or null once removed. */
  function withPhotoField(record: SeedRecord): Record<string, unknown> {
    if (!('Record_Image' in record.fields)) return record.fields;
    const photo = store.photoOf(record.module, record.id);
    const id = photo ? `photo-${record.module}-${record.id}-${photoSerial(photo.recipe)}` : null;
    return { ...record.fields, Record_Image: id && fileIdOf(id) };
  }
}

/** What makes a photo's id change when it is replaced: its blob, or the seed's recipe. */
const photoSerial = (recipe: FileRecipe) => (recipe.kind === 'blob' ? recipe.blobId : 'seed');

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

/** v2's record lists need `fields`: at least one, at most 50. */
function requireFieldList(fields: string | undefined): void {
  const names = (fields ?? '').split(',').filter((f) => f.trim());
  if (names.length === 0)
    throw new BiginFailure('REQUIRED_PARAM_MISSING', { param_name: 'fields' });
  if (names.length > MAX_FIELDS) {
    throw new BiginFailure('LIMIT_EXCEEDED', { param_name: 'fields', limit: MAX_FIELDS });
  }
}

/**
 * A v2 page: by `page` up to the discrete paging limit (2,000 records), past it by `page_token`
 * (`info.next_page_token`, given whenever more records follow).
 */
function answerV2(
  reply: FastifyReply,
  module: string,
  records: SeedRecord[],
  query: ListQuery,
  limit: number,
) {
  const { page, perPage } = readPaging(query);
  let offset = (page - 1) * perPage;
  if (query.page_token !== undefined) {
    const fromToken = readPageToken(query.page_token, module);
    if (fromToken === undefined) {
      throw new BiginFailure('INVALID_DATA', { param_name: 'page_token' }, 'invalid data');
    }
    offset = fromToken;
  } else if (offset >= limit) {
    throw new BiginFailure('DISCRETE_PAGINATION_LIMIT_EXCEEDED', { limit });
  }
  const data = records.slice(offset, offset + perPage);
  if (data.length === 0) return reply.code(204).send();
  const more = offset + perPage < records.length;
  return {
    data: data.map((r) => pickFields(r.fields, query.fields)),
    info: {
      per_page: perPage,
      count: data.length,
      page: query.page_token === undefined ? page : Math.floor(offset / perPage) + 1,
      more_records: more,
      ...(more ? { next_page_token: pageToken(module, offset + perPage) } : {}),
    },
  };
}

/** The sandbox's page tokens are opaque to callers: the module and where the next page starts. */
const pageToken = (module: string, offset: number) =>
  Buffer.from(`${module}:${offset}`).toString('base64url');

function readPageToken(token: string, module: string): number | undefined {
  const [tokenModule, offset] = Buffer.from(token, 'base64url').toString().split(':');
  return tokenModule === module && /^\d{1,9}$/.test(offset ?? '') ? Number(offset) : undefined;
}

/** Field types as Bigin's metadata names them (`data_type`); any other field is text. */
const DATA_TYPES: Record<string, string> = {
  id: 'bigint',
  Email: 'email',
  Phone: 'phone',
  Website: 'website',
  Owner: 'ownerlookup',
  Account_Name: 'lookup',
  Contact_Name: 'lookup',
  Related_To: 'lookup',
  Record_Image: 'profileimage',
  Unit_Price: 'currency',
  Amount: 'currency',
  Closing_Date: 'date',
  Product_Active: 'boolean',
};

/** The module's fields as Bigin's field metadata lists them; the name field is marked. */
function fieldMetadata(module: string, records: readonly SeedRecord[]) {
  const names = new Set(records.flatMap((r) => Object.keys(r.fields)));
  names.add(NAME_FIELDS[module] ?? 'id');
  return [...names].map((apiName, i) => ({
    api_name: apiName,
    field_label: apiName.replace(/_/g, ' '),
    data_type: DATA_TYPES[apiName] ?? (apiName.endsWith('_Time') ? 'datetime' : 'text'),
    id: `41508680000090${String(i + 1).padStart(5, '0')}`,
    display_field: apiName === NAME_FIELDS[module],
  }));
}

function sortRecords(records: SeedRecord[], module: string, query: ListQuery): SeedRecord[] {
  const sortable = ['id', 'Created_Time', 'Modified_Time', NAME_FIELDS[module] ?? 'id'];
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
    const nameField = NAME_FIELDS[module] ?? 'id';
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

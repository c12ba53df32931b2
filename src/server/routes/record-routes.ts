import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RecordDetail, RecordPage } from '../../shared/api-contract.ts';
import { BIGIN_MAX_PER_PAGE, biginIdSchema } from '../../shared/bigin-attachment.ts';
import {
  RECORD_NAME_FIELDS,
  recordListSchema,
  recordName,
  singleRecordSchema,
} from '../../shared/bigin-record.ts';
import { moduleListSchema, moduleNameSchema } from '../../shared/modules.ts';
import { ApiFailure } from '../api-failure.ts';
import { parseOrFail } from '../parse-or-fail.ts';
import { biginPath } from '../zoho/bigin-client.ts';
import type { RouteContext } from './route-context.ts';

/** Bigin's record photo exists in these modules only. */
export const PHOTO_MODULES = new Set(['Contacts', 'Accounts', 'Products']);

const moduleParams = z.object({ module: moduleNameSchema });
const recordParams = z.object({ module: moduleNameSchema, recordId: biginIdSchema });
const paging = {
  page: z.coerce.number().int().min(1).max(100).default(1),
  per_page: z.coerce.number().int().min(1).max(BIGIN_MAX_PER_PAGE).default(20),
};
const listQuery = z.object(paging);
const searchQuery = z.object({
  ...paging,
  // Bigin wants at least 2 characters; the proxy refuses what has no place in a search word.
  word: z
    .string()
    .trim()
    .min(2, 'a search word is at least 2 characters')
    .max(100, 'a search word is at most 100 characters')
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    .refine((w) => !/[\u0000-\u001f\u007f\\/]|\.\.|%[0-9a-f]{2}/i.test(w), {
      // A "%2F" left after the URL's own decoding is an encoded character on its way to Bigin.
      message: 'a search word cannot hold control characters, /, \\, .. or %-escapes',
    }),
});

/** `fields` is required from v2 on: ask for the name field only (Bigin has no common "Name"). */
const nameField = (module: string) => RECORD_NAME_FIELDS[module] ?? 'Name';

const toPage = (module: string, list: z.infer<typeof recordListSchema> | undefined): RecordPage =>
  list
    ? {
        data: list.data.map((r) => ({ id: r.id, name: recordName(module, r) })),
        info: { more_records: list.info.more_records },
      }
    : // Bigin answers 204 with no body when the module has no records (or nothing matches).
      { data: [], info: { more_records: false } };

export function registerRecordRoutes(app: FastifyInstance, { bigin, tokensFor }: RouteContext) {
  app.get('/api/modules', async (request) => {
    const list = await bigin.getJson(
      tokensFor(request),
      biginPath(['settings', 'modules']),
      moduleListSchema,
    );
    return { modules: list?.modules ?? [] };
  });

  app.get('/api/records/:module', async (request): Promise<RecordPage> => {
    const { module } = parseOrFail(moduleParams, request.params);
    const { page, per_page } = parseOrFail(listQuery, request.query);
    const list = await bigin.getJson(
      tokensFor(request),
      biginPath([module], {
        fields: nameField(module),
        sort_by: 'Modified_Time',
        sort_order: 'desc',
        page,
        per_page,
      }),
      recordListSchema,
    );
    return toPage(module, list);
  });

  app.get('/api/records/:module/search', async (request): Promise<RecordPage> => {
    const { module } = parseOrFail(moduleParams, request.params);
    const { word, page, per_page } = parseOrFail(searchQuery, request.query);
    const list = await bigin.getJson(
      tokensFor(request),
      biginPath([module, 'search'], { word, page, per_page }),
      recordListSchema,
    );
    return toPage(module, list);
  });

  app.get('/api/records/:module/:recordId', async (request): Promise<RecordDetail> => {
    const { module, recordId } = parseOrFail(recordParams, request.params);
    const answer = await bigin.getJson(
      tokensFor(request),
      biginPath([module, recordId]),
      singleRecordSchema,
    );
    const record = answer?.data[0];
    if (!record) throw ApiFailure.proxy('PROXY_RECORD_NOT_FOUND');
    return {
      id: record.id,
      name: recordName(module, record),
      module,
      hasPhotoField: PHOTO_MODULES.has(module),
    };
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RecordDetail, RecordPage } from '../../shared/api-contract.ts';
import { BIGIN_MAX_PER_PAGE, biginIdSchema } from '../../shared/bigin-attachment.ts';
import { recordListSchema, recordName, singleRecordSchema } from '../../shared/bigin-record.ts';
import { RECORD_PHOTO_MODULES } from '../../shared/record-photo.ts';
import { moduleListSchema, moduleNameSchema } from '../../shared/modules.ts';
import { ApiFailure } from '../api-failure.ts';
import { parseOrFail } from '../parse-or-fail.ts';
import { biginPath } from '../zoho/bigin-client.ts';
import type { RouteContext } from './route-context.ts';

const moduleParams = z.object({ module: moduleNameSchema });
const recordParams = z.object({ module: moduleNameSchema, recordId: biginIdSchema });
const paging = {
  page: z.coerce.number().int().min(1).max(100).default(1),
  per_page: z.coerce.number().int().min(1).max(BIGIN_MAX_PER_PAGE).default(20),
};
const listQuery = z.object({
  ...paging,
  // Bigin's own token for the page after the 2,000th record (v2), passed back as it came.
  page_token: z
    .string()
    .regex(/^[A-Za-z0-9_.=-]{1,500}$/, 'a page token is letters, digits and _ . = -')
    .optional(),
});
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

const toPage = (
  nameField: string,
  list: z.infer<typeof recordListSchema> | undefined,
): RecordPage =>
  list
    ? {
        data: list.data.map((r) => ({ id: r.id, name: recordName(nameField, r) })),
        info: {
          more_records: list.info.more_records,
          ...(list.info.next_page_token ? { next_page_token: list.info.next_page_token } : {}),
        },
        unreadable: list.unreadable,
      }
    : // Bigin answers 204 with no body when the module has no records (or nothing matches).
      { data: [], info: { more_records: false }, unreadable: 0 };

/** Names a contact without Full_Name by its first and last names. */
const fieldsToAsk = (nameField: string) =>
  nameField === 'Full_Name' ? 'Full_Name,First_Name,Last_Name' : nameField;

export function registerRecordRoutes(
  app: FastifyInstance,
  { bigin, tokensFor, nameFields }: RouteContext,
) {
  app.get('/api/modules', async (request) => {
    const list = await bigin.getJson(
      tokensFor(request),
      biginPath(['settings', 'modules']),
      moduleListSchema,
    );
    return { modules: list?.modules ?? [], unreadable: list?.unreadable ?? 0 };
  });

  app.get('/api/records/:module', async (request): Promise<RecordPage> => {
    const { module } = parseOrFail(moduleParams, request.params);
    const { page, per_page, page_token } = parseOrFail(listQuery, request.query);
    const tokens = tokensFor(request);
    const nameField = await nameFields.of(tokens, module);
    // v2 wants `fields`; past 2,000 records the page goes by Bigin's token, not its number.
    const list = await bigin.getJson(
      tokens,
      biginPath([module], {
        fields: fieldsToAsk(nameField),
        sort_by: 'Modified_Time',
        sort_order: 'desc',
        ...(page_token ? { page_token } : { page }),
        per_page,
      }),
      recordListSchema,
    );
    return toPage(nameField, list);
  });

  app.get('/api/records/:module/search', async (request): Promise<RecordPage> => {
    const { module } = parseOrFail(moduleParams, request.params);
    const { word, page, per_page } = parseOrFail(searchQuery, request.query);
    const tokens = tokensFor(request);
    const nameField = await nameFields.of(tokens, module);
    const list = await bigin.getJson(
      tokens,
      biginPath([module, 'search'], { word, page, per_page }),
      recordListSchema,
    );
    return toPage(nameField, list);
  });

  app.get('/api/records/:module/:recordId', async (request): Promise<RecordDetail> => {
    const { module, recordId } = parseOrFail(recordParams, request.params);
    const tokens = tokensFor(request);
    const [answer, nameField] = await Promise.all([
      bigin.getJson(tokens, biginPath([module, recordId]), singleRecordSchema),
      nameFields.of(tokens, module),
    ]);
    const record = answer?.record;
    if (!record) throw ApiFailure.proxy('PROXY_RECORD_NOT_FOUND');
    return {
      id: record.id,
      name: recordName(nameField, record),
      module,
      hasPhotoField: RECORD_PHOTO_MODULES.includes(module),
    };
  });
}

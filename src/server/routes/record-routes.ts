import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  moduleListResponseSchema,
  recordDetailSchema,
  recordPageSchema,
  type RecordPage,
} from '../../shared/api-contract.ts';
import {
  moduleParamsSchema,
  recordListQuerySchema,
  recordParamsSchema,
  recordSearchQuerySchema,
} from '../../shared/api-params.ts';
import {
  fieldText,
  recordListSchema,
  recordName,
  singleRecordSchema,
} from '../../shared/bigin-record.ts';
import { moduleListSchema } from '../../shared/modules.ts';
import { RECORD_PHOTO_MODULES } from '../../shared/record-photo.ts';
import { ApiFailure } from '../api-failure.ts';
import { biginPath } from '../zoho/bigin-client.ts';
import type { ModuleFields } from '../zoho/name-fields.ts';
import type { RouteContext } from './route-context.ts';

/** The picker's second line for a record: its first two telling fields that have a value. */
function detailOf(fields: ModuleFields, record: Record<string, unknown>): string | undefined {
  const values = fields.secondary.map((field) => fieldText(record[field])).filter(Boolean);
  return values.length ? [...new Set(values)].slice(0, 2).join(' · ') : undefined;
}

const toPage = (
  fields: ModuleFields,
  list: z.infer<typeof recordListSchema> | undefined,
): RecordPage =>
  list
    ? {
        data: list.data.map((r) => {
          const detail = detailOf(fields, r);
          return { id: r.id, name: recordName(fields.name, r), ...(detail ? { detail } : {}) };
        }),
        info: {
          more_records: list.info.more_records,
          ...(list.info.next_page_token ? { next_page_token: list.info.next_page_token } : {}),
        },
        unreadable: list.unreadable,
      }
    : // Bigin answers 204 with no body when the module has no records (or nothing matches).
      { data: [], info: { more_records: false }, unreadable: 0 };

/**
 * The name field (a contact without Full_Name is named by its first and last names) and the
 * fields that tell records apart.
 */
const fieldsToAsk = (fields: ModuleFields) =>
  [
    ...new Set([
      ...(fields.name === 'Full_Name' ? ['Full_Name', 'First_Name', 'Last_Name'] : [fields.name]),
      ...fields.secondary,
    ]),
  ].join(',');

/**
 * The org's modules, a module's recent records, a search, and one record: an embed link reaches
 * only its own record.
 */
export const recordRoutes: FastifyPluginAsyncZod<RouteContext> = async (
  app,
  { bigin, tokensFor, nameFields },
) => {
  app.get(
    '/modules',
    {
      schema: { response: { 200: moduleListResponseSchema } },
      config: { embedAction: 'none' },
    },
    async (request) => {
      const list = await bigin.getJson(
        tokensFor(request),
        biginPath(['settings', 'modules']),
        moduleListSchema,
      );
      return { modules: list?.modules ?? [], unreadable: list?.unreadable ?? 0 };
    },
  );

  app.get(
    '/records/:module',
    {
      schema: {
        params: moduleParamsSchema,
        querystring: recordListQuerySchema,
        response: { 200: recordPageSchema },
      },
      config: { embedAction: 'none' },
    },
    async (request) => {
      const { module } = request.params;
      const { page, per_page, page_token } = request.query;
      const tokens = tokensFor(request);
      const fields = await nameFields.fieldsOf(tokens, module);
      // v2 wants `fields`; past 2,000 records the page goes by Bigin's token, not its number.
      const list = await bigin.getJson(
        tokens,
        biginPath([module], {
          fields: fieldsToAsk(fields),
          sort_by: 'Modified_Time',
          sort_order: 'desc',
          ...(page_token ? { page_token } : { page }),
          per_page,
        }),
        recordListSchema,
      );
      return toPage(fields, list);
    },
  );

  app.get(
    '/records/:module/search',
    {
      schema: {
        params: moduleParamsSchema,
        querystring: recordSearchQuerySchema,
        response: { 200: recordPageSchema },
      },
      config: { embedAction: 'none' },
    },
    async (request) => {
      const { module } = request.params;
      const { word, email, page, per_page } = request.query;
      const tokens = tokensFor(request);
      const fields = await nameFields.fieldsOf(tokens, module);
      // Bigin's `email` search looks in a module's email fields: a module without one (as its
      // metadata says) is searched by the word instead, rather than asked what it cannot answer.
      const by: Record<string, string> =
        email !== undefined && fields.email ? { email } : { word: word ?? email ?? '' };
      const list = await bigin.getJson(
        tokens,
        biginPath([module, 'search'], { ...by, page, per_page }),
        recordListSchema,
      );
      return toPage(fields, list);
    },
  );

  app.get(
    '/records/:module/:recordId',
    {
      schema: { params: recordParamsSchema, response: { 200: recordDetailSchema } },
      config: { embedAction: 'view' },
    },
    async (request) => {
      const { module, recordId } = request.params;
      const tokens = tokensFor(request);
      const [answer, nameField] = await Promise.all([
        bigin.getJson(tokens, biginPath([module, recordId]), singleRecordSchema),
        nameFields.of(tokens, module),
      ]);
      const record = answer?.record;
      if (!record) throw ApiFailure.proxy('PROXY_RECORD_NOT_FOUND');
      const hasPhotoField = RECORD_PHOTO_MODULES.includes(module);
      // Zoho keeps a record's photo id in `Record_Image` (CRM's documents; Bigin's records carry
      // the field too): the app then asks for the photo only when there is one. Absent, it asks.
      const image = record.Record_Image;
      return {
        id: record.id,
        name: recordName(nameField, record),
        module,
        hasPhotoField,
        ...(hasPhotoField && image !== undefined
          ? { hasPhoto: typeof image === 'string' && image !== '' }
          : {}),
      };
    },
  );
};

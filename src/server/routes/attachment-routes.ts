import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attachmentPageSchema } from '../../shared/api-contract.ts';
import { attachmentPageQuerySchema, recordParamsSchema } from '../../shared/api-params.ts';
import { attachmentListSchema } from '../../shared/bigin-attachment.ts';
import { biginPath } from '../zoho/bigin-client.ts';
import type { RouteContext } from './route-context.ts';

/** A page of a record's attachments, as Bigin lists them. */
export const attachmentRoutes: FastifyPluginAsyncZod<RouteContext> = async (
  app,
  { bigin, tokensFor },
) => {
  app.get(
    '/records/:module/:recordId/attachments',
    {
      schema: {
        params: recordParamsSchema,
        querystring: attachmentPageQuerySchema,
        response: { 200: attachmentPageSchema },
      },
      config: { embedAction: 'view' },
    },
    async (request) => {
      const { module, recordId } = request.params;
      const { page, per_page } = request.query;
      const list = await bigin.getJson(
        tokensFor(request),
        biginPath([module, recordId, 'Attachments'], { page, per_page }),
        attachmentListSchema,
      );
      // Bigin answers 204 with no body when a record has no attachments: an empty page here.
      return (
        list ?? { data: [], info: { per_page, count: 0, page, more_records: false }, unreadable: 0 }
      );
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attachmentPageSchema } from '../../shared/api-contract.ts';
import { attachmentPageQuerySchema, recordParamsSchema } from '../../shared/api-params.ts';
import { attachmentListSchema } from '../../shared/bigin-attachment.ts';
import { biginPath, parseAnswer } from '../zoho/bigin-client.ts';
import { PlainPages } from '../zoho/plain-attachment-list.ts';
import { API_COMPRESS_THRESHOLD, takesGzip, varyOnEncoding } from './api-compression.ts';
import type { RouteContext } from './route-context.ts';

/** A page of a record's attachments, as Bigin lists them. */
export const attachmentRoutes: FastifyPluginAsyncZod<RouteContext> = async (
  app,
  { bigin, tokensFor },
) => {
  const plainPages = new PlainPages();
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
    async (request, reply) => {
      const { module, recordId } = request.params;
      const { page, per_page } = request.query;
      const listing = biginPath([module, recordId, 'Attachments'], { page, per_page });
      const answer = await bigin.getAnswer(tokensFor(request), listing);
      // Bigin answers 204 with no body when a record has no attachments: an empty page here.
      if (!answer) {
        return { data: [], info: { per_page, count: 0, page, more_records: false }, unreadable: 0 };
      }
      // A page the schema would pass unchanged goes out in Bigin's own bytes, not encoded again.
      const plain = plainPages.pageOf(listing, answer);
      if (plain) {
        reply.type('application/json; charset=utf-8');
        if (plain.length >= API_COMPRESS_THRESHOLD && takesGzip(request)) {
          // Gzipped once per page kept, as the compression plugin would gzip it each time.
          const body = await plainPages.gzippedOf(listing, plain);
          varyOnEncoding(reply);
          reply.header('Content-Encoding', 'gzip');
          return reply.send(body as never);
        }
        // (The bytes are such a page already: the typed send knows only the value.)
        return reply.send(plain as never);
      }
      return parseAnswer(answer.body, attachmentListSchema);
    },
  );
};

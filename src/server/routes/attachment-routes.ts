import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AttachmentPage } from '../../shared/api-contract.ts';
import {
  attachmentListSchema,
  BIGIN_MAX_PER_PAGE,
  biginIdSchema,
} from '../../shared/bigin-attachment.ts';
import { moduleNameSchema } from '../../shared/modules.ts';
import { parseOrFail } from '../parse-or-fail.ts';
import { biginPath } from '../zoho/bigin-client.ts';
import type { RouteContext } from './route-context.ts';

const paramsSchema = z.object({ module: moduleNameSchema, recordId: biginIdSchema });
const querySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(BIGIN_MAX_PER_PAGE).default(BIGIN_MAX_PER_PAGE),
});

export function registerAttachmentRoutes(app: FastifyInstance, { bigin, tokensFor }: RouteContext) {
  app.get(
    '/api/records/:module/:recordId/attachments',
    async (request): Promise<AttachmentPage> => {
      const { module, recordId } = parseOrFail(paramsSchema, request.params);
      const { page, per_page } = parseOrFail(querySchema, request.query);
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
}

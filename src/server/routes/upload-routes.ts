import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { BLOCKED_UPLOAD_EXTENSIONS, linkUploadSchema } from '../../shared/api-contract.ts';
import { biginIdSchema } from '../../shared/bigin-attachment.ts';
import type { WriteResult } from '../../shared/bigin-write.ts';
import { moduleNameSchema } from '../../shared/modules.ts';
import { ApiFailure } from '../api-failure.ts';
import { parseOrFail } from '../parse-or-fail.ts';
import { biginPath } from '../zoho/bigin-client.ts';
import { SizedForm } from '../zoho/sized-form.ts';
import { extensionOf } from './file-types.ts';
import type { FileRouteContext } from './route-context.ts';
import { streamUpload } from './streamed-upload.ts';
import { readWriteResult } from './write-result.ts';
import { requireEmbedAction } from '../embed/embed-grant.ts';

const recordParams = z.object({ module: moduleNameSchema, recordId: biginIdSchema });

/**
 * The extension that counts: Windows drops trailing dots and spaces, so `setup.exe. ` runs as
 * `setup.exe`.
 */
export const isBlockedName = (fileName: string) => {
  const ext = extensionOf(fileName.replace(/[.\s]+$/, ''));
  return ext !== undefined && BLOCKED_UPLOAD_EXTENSIONS.includes(ext);
};

/** `POST apiPaths.upload`: a multipart `file`, or JSON `{attachmentUrl, title?}` for a link. */
export function registerUploadRoutes(app: FastifyInstance, ctx: FileRouteContext) {
  const { bigin, tokensFor, maxUploadBytes } = ctx;
  app.post(
    '/api/records/:module/:recordId/attachments',
    async (request, reply): Promise<WriteResult> => {
      requireEmbedAction(request, 'upload');
      const { module, recordId } = parseOrFail(recordParams, request.params);
      const path = biginPath([module, recordId, 'Attachments']);
      const tokens = tokensFor(request);
      if (!request.isMultipart()) {
        const link = parseOrFail(linkUploadSchema, request.body);
        // Zoho's documented request sends the link as form fields of a multipart body, sized.
        const form = new SizedForm();
        const body = form.fields({
          attachmentUrl: link.attachmentUrl,
          ...(link.title === undefined ? {} : { title: link.title }),
        });
        return bigin.exchange(
          tokens,
          { method: 'POST', path, headers: form.headers(body.length), body },
          readWriteResult,
        );
      }
      return streamUpload(request, reply, {
        tokens,
        bigin,
        path,
        maxBytes: maxUploadBytes,
        refuse: (fileName) =>
          isBlockedName(fileName)
            ? ApiFailure.proxy('PROXY_BLOCKED_TYPE', {
                file_name: fileName,
                blocked: BLOCKED_UPLOAD_EXTENSIONS,
              })
            : undefined,
        read: readWriteResult,
      });
    },
  );
}

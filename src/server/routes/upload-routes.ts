import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod/mini';
import { BLOCKED_UPLOAD_EXTENSIONS, linkUploadSchema } from '../../shared/api-contract.ts';
import { recordParamsSchema } from '../../shared/api-params.ts';
import { blockedExtension } from '../../shared/blocked-extension.ts';
import { writeResultSchema } from '../../shared/bigin-write.ts';
import { ApiFailure } from '../api-failure.ts';
import { biginPath } from '../zoho/bigin-client.ts';
import { SizedForm } from '../zoho/sized-form.ts';
import type { FileRouteContext } from './route-context.ts';
import { MULTIPART_FRAMING_BYTES, streamUpload } from './streamed-upload.ts';
import { readWriteResult } from './write-result.ts';

/** `POST apiPaths.upload`: a multipart `file`, or JSON `{attachmentUrl, title?}` for a link. */
export const uploadRoutes: FastifyPluginAsyncZod<FileRouteContext> = async (app, ctx) => {
  const { bigin, tokensFor, maxUploadBytes } = ctx;
  app.post(
    '/records/:module/:recordId/attachments',
    {
      schema: {
        params: recordParamsSchema,
        // A multipart upload has no body here (its parts are streamed): only a link is read.
        body: z.nullish(linkUploadSchema),
        response: { 200: writeResultSchema },
      },
      config: { embedAction: 'upload' },
      // A body declared larger than the limit (with room for the multipart framing) is refused
      // before a byte of it is read, and the connection closed rather than drained.
      onRequest: async (request, reply) => {
        const declared = Number(request.headers['content-length']);
        if (declared > maxUploadBytes + MULTIPART_FRAMING_BYTES) {
          reply.header('Connection', 'close');
          throw ApiFailure.proxy('PROXY_FILE_TOO_LARGE', { limit_bytes: maxUploadBytes });
        }
      },
    },
    async (request, reply) => {
      const { module, recordId } = request.params;
      const path = biginPath([module, recordId, 'Attachments']);
      const tokens = tokensFor(request);
      if (!request.isMultipart()) {
        const link = request.body;
        if (!link) {
          throw ApiFailure.proxy('PROXY_BAD_REQUEST', {
            issues: [{ param: '', problem: 'a multipart file or a JSON link is required' }],
          });
        }
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
        // The browser's own check (upload-checks.ts), made again: by the real extension.
        refuse: (fileName) =>
          blockedExtension(fileName)
            ? ApiFailure.proxy('PROXY_BLOCKED_TYPE', {
                file_name: fileName,
                blocked: BLOCKED_UPLOAD_EXTENSIONS,
              })
            : undefined,
        read: readWriteResult,
      });
    },
  );
};

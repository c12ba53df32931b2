import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { biginIdSchema } from '../../shared/bigin-attachment.ts';
import { RECORD_PHOTO_MAX_BYTES, RECORD_PHOTO_MODULES } from '../../shared/record-photo.ts';
import { moduleNameSchema } from '../../shared/modules.ts';
import { ApiFailure } from '../api-failure.ts';
import { parseOrFail } from '../parse-or-fail.ts';
import { biginPath } from '../zoho/bigin-client.ts';
import { discardBody, restoreFileHeaders, streamToBrowser, transferFor } from './file-transfer.ts';
import { baseType, isPhotoType, isRasterImage } from './file-types.ts';
import type { FileRouteContext } from './route-context.ts';
import { streamUpload } from './streamed-upload.ts';
import { readPhotoResult, type PhotoResult } from './write-result.ts';
import { requireEmbedAction } from '../embed/embed-grant.ts';

const photoParams = z.object({
  module: moduleNameSchema.refine((m) => RECORD_PHOTO_MODULES.includes(m), {
    message: 'only Contacts, Accounts and Products carry a photo',
  }),
  recordId: biginIdSchema,
});

/**
 * `GET` / `POST` (multipart `file`) / `DELETE apiPaths.photo`, for the modules Bigin keeps a
 * record photo in; any other module is refused before Bigin is called. An upload is refused
 * before a byte reaches Bigin when its type is not one Bigin takes for a photo, or its stated
 * size is over Bigin's 10 MB (or MAX_UPLOAD_MB, if lower). Its resolution is Bigin's to judge:
 * FILE_RESOLUTION_EXCEEDS comes back verbatim.
 */
export function registerPhotoRoutes(app: FastifyInstance, ctx: FileRouteContext) {
  const { bigin, tokensFor } = ctx;
  const path = '/api/records/:module/:recordId/photo';

  app.get(path, { onSend: restoreFileHeaders }, async (request, reply) => {
    requireEmbedAction(request, 'view');
    const { module, recordId } = parseOrFail(photoParams, request.params);
    const transfer = transferFor(reply);
    await bigin.exchange(
      tokensFor(request),
      { method: 'GET', path: biginPath([module, recordId, 'photo']), signal: transfer.signal },
      async (response) => {
        // Bigin answers 204 with no body when the record has no photo.
        const type = response.headers.get('content-type');
        if (response.status === 204 || !isRasterImage(type)) {
          await discardBody(response);
          transfer.done();
          throw response.status === 204
            ? ApiFailure.proxy(
                'PROXY_NOT_FOUND',
                { reason: 'no photo' },
                'This record has no photo',
              )
            : ApiFailure.proxy('PROXY_PREVIEW_UNSUPPORTED', { content_type: type ?? '' });
        }
        await streamToBrowser(reply, response, transfer, {
          contentType: baseType(type)!,
          length: response.headers.get('content-length'),
          headers: { csp: "sandbox; frame-ancestors 'self'", frameOptions: 'SAMEORIGIN' },
        });
      },
    );
    return reply;
  });

  app.post(path, async (request, reply): Promise<PhotoResult> => {
    requireEmbedAction(request, 'upload');
    const { module, recordId } = parseOrFail(photoParams, request.params);
    if (!request.isMultipart()) {
      throw ApiFailure.proxy('PROXY_BAD_REQUEST', {
        param: 'file',
        problem: 'a multipart file is required',
      });
    }
    return streamUpload(request, reply, {
      tokens: tokensFor(request),
      bigin,
      path: biginPath([module, recordId, 'photo']),
      maxBytes: Math.min(ctx.maxUploadBytes, RECORD_PHOTO_MAX_BYTES),
      refuse: (fileName, declared) =>
        isPhotoType(declared, fileName)
          ? undefined
          : ApiFailure.proxy(
              'PROXY_BLOCKED_TYPE',
              {
                file_name: fileName,
                content_type: declared,
                allowed: ['png', 'jpeg', 'gif', 'bmp'],
              },
              'A photo must be a PNG, JPEG, GIF or BMP image',
            ),
      read: readPhotoResult,
    });
  });

  app.delete(path, async (request): Promise<PhotoResult> => {
    requireEmbedAction(request, 'delete');
    const { module, recordId } = parseOrFail(photoParams, request.params);
    return bigin.exchange(
      tokensFor(request),
      { method: 'DELETE', path: biginPath([module, recordId, 'photo']) },
      readPhotoResult,
    );
  });
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { photoParamsSchema } from '../../shared/api-params.ts';
import { photoResultSchema } from '../../shared/bigin-write.ts';
import { RECORD_PHOTO_MAX_BYTES } from '../../shared/record-photo.ts';
import { ApiFailure } from '../api-failure.ts';
import { biginPath } from '../zoho/bigin-client.ts';
import { discardBody, restoreFileHeaders, streamToBrowser, transferFor } from './file-transfer.ts';
import { baseType, isPhotoType, isRasterImage } from './file-types.ts';
import type { FileRouteContext } from './route-context.ts';
import { streamUpload } from './streamed-upload.ts';
import { readPhotoResult } from './write-result.ts';

/**
 * `GET` / `POST` (multipart `file`) / `DELETE apiPaths.photo`, for the modules Bigin keeps a
 * record photo in; any other module is refused before Bigin is called. An upload is refused
 * before a byte reaches Bigin when its type is not one Bigin takes for a photo, or its stated
 * size is over Bigin's 10 MB (or MAX_UPLOAD_MB, if lower). Its resolution is Bigin's to judge:
 * FILE_RESOLUTION_EXCEEDS comes back verbatim.
 */
export const photoRoutes: FastifyPluginAsyncZod<FileRouteContext> = async (app, ctx) => {
  const { bigin, tokensFor } = ctx;
  const path = '/records/:module/:recordId/photo';
  const writeSchema = { params: photoParamsSchema, response: { 200: photoResultSchema } };

  app.get(
    path,
    {
      schema: { params: photoParamsSchema },
      config: { embedAction: 'view' },
      onSend: restoreFileHeaders,
    },
    async (request, reply) => {
      const { module, recordId } = request.params;
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
    },
  );

  app.post(
    path,
    { schema: writeSchema, config: { embedAction: 'upload' } },
    async (request, reply) => {
      const { module, recordId } = request.params;
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
    },
  );

  app.delete(path, { schema: writeSchema, config: { embedAction: 'delete' } }, async (request) => {
    const { module, recordId } = request.params;
    return bigin.exchange(
      tokensFor(request),
      { method: 'DELETE', path: biginPath([module, recordId, 'photo']) },
      readPhotoResult,
    );
  });
};

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteContext } from './attachment-routes.ts';
import { requireModule, requireModuleAccess } from './bigin-access.ts';
import { BiginFailure } from './bigin-failure.ts';
import { contentTypeFor } from './file-bytes.ts';
import { requireSizedBody } from './sized-body.ts';

/** Only these modules carry a record photo. */
const PHOTO_MODULES = ['Contacts', 'Accounts', 'Products'];

type Params = { module: string; recordId: string };

/** `GET` / `POST` (multipart `file`) / `DELETE /{module}/{record_id}/photo`. */
export function registerPhotoRoutes(api: FastifyInstance, ctx: RouteContext): void {
  const { store } = ctx;
  const requireRecord = (module: string, recordId: string) => {
    if (!store.findRecord(module, recordId)) {
      throw new BiginFailure(
        'INVALID_DATA',
        { resource_path_index: 1 },
        'the id given seems to be invalid',
      );
    }
  };

  api.get<{ Params: Params }>('/:module/:recordId/photo', async (request, reply) => {
    const { module, recordId } = request.params;
    requireModule(module, PHOTO_MODULES);
    requireModuleAccess(ctx.caller(request), module, 'READ');
    requireRecord(module, recordId);
    const photo = store.photoOf(module, recordId);
    // No photo: nothing to send, as with an empty list.
    if (!photo) return reply.code(204).send();
    return reply.type(photo.contentType).send(await store.readBytes(photo.recipe));
  });

  api.post<{ Params: Params }>('/:module/:recordId/photo', async (request) => {
    requireSizedBody(request);
    const { module, recordId } = request.params;
    requireModule(module, PHOTO_MODULES);
    requireModuleAccess(ctx.caller(request), module, 'WRITE');
    requireRecord(module, recordId);
    const image = await readImage(request, ctx.maxUploadBytes);
    await store.setPhoto(module, recordId, image.bytes, image.contentType);
    return {
      code: 'SUCCESS',
      details: {},
      message: 'photo uploaded successfully',
      status: 'success',
    };
  });

  api.delete<{ Params: Params }>('/:module/:recordId/photo', async (request) => {
    const { module, recordId } = request.params;
    requireModule(module, PHOTO_MODULES);
    requireModuleAccess(ctx.caller(request), module, 'DELETE');
    requireRecord(module, recordId);
    await store.deletePhoto(module, recordId);
    return { code: 'SUCCESS', details: {}, message: 'Photo deleted', status: 'success' };
  });
}

async function readImage(
  request: FastifyRequest,
  maxBytes: number,
): Promise<{ bytes: Buffer; contentType: string }> {
  if (!request.isMultipart()) {
    throw new BiginFailure('REQUIRED_PARAM_MISSING', { param_name: 'file' });
  }
  let image: { bytes: Buffer; contentType: string } | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes } })) {
      if (part.type !== 'file') continue;
      const bytes = await part.toBuffer();
      if (part.fieldname === 'file') {
        const fromName = contentTypeFor(part.filename);
        image = { bytes, contentType: fromName.startsWith('image/') ? fromName : part.mimetype };
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new BiginFailure('FILE_SIZE_MORE_THAN_ALLOWED_SIZE', { limit: maxBytes });
    }
    throw error;
  }
  if (!image) throw new BiginFailure('REQUIRED_PARAM_MISSING', { param_name: 'file' });
  if (!image.contentType.startsWith('image/')) {
    throw new BiginFailure('INVALID_DATA', { param_name: 'file' }, 'invalid data');
  }
  return image;
}

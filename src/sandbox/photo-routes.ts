import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  RECORD_PHOTO_MAX_BYTES,
  RECORD_PHOTO_MAX_PIXELS,
  RECORD_PHOTO_MODULES,
} from '../shared/record-photo.ts';
import type { RouteContext } from './attachment-routes.ts';
import { requireModule, requireModuleAccess } from './bigin-access.ts';
import { BiginFailure } from './bigin-failure.ts';
import { readImageHeader } from './image-size.ts';
import { requireSizedBody } from './sized-body.ts';

type Params = { module: string; recordId: string };

export interface PhotoLimits {
  /** Bytes; beyond them `FILE_SIZE_EXCEEDS` (413). */
  maxBytes: number;
  /** Width × height; beyond it `FILE_RESOLUTION_EXCEEDS` (415). */
  maxPixels: number;
}

/**
 * Zoho's documented 10 MB, and CRM's 10 megapixels: Bigin's pages give no resolution limit, so
 * the sandbox takes CRM's and lets it be set (`SandboxOptions.photoLimits`).
 */
export const BIGIN_PHOTO_LIMITS: PhotoLimits = {
  maxBytes: RECORD_PHOTO_MAX_BYTES,
  maxPixels: RECORD_PHOTO_MAX_PIXELS,
};

/** `GET` / `POST` (multipart `file`) / `DELETE /{module}/{record_id}/photo`. */
export function registerPhotoRoutes(
  api: FastifyInstance,
  ctx: RouteContext,
  limits: PhotoLimits = BIGIN_PHOTO_LIMITS,
): void {
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
    requireModule(module, RECORD_PHOTO_MODULES);
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
    requireModule(module, RECORD_PHOTO_MODULES);
    // Bigin's v2 upload-photo page: `.ALL`, `.WRITE` or `.CREATE` on the module (or modules.ALL).
    requireModuleAccess(ctx.caller(request), module, 'CREATE');
    requireRecord(module, recordId);
    const image = await readImage(request, limits);
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
    requireModule(module, RECORD_PHOTO_MODULES);
    requireModuleAccess(ctx.caller(request), module, 'DELETE');
    requireRecord(module, recordId);
    await store.deletePhoto(module, recordId);
    return { code: 'SUCCESS', details: {}, message: 'Photo deleted', status: 'success' };
  });
}

/**
 * The multipart `file`, refused as CRM's specification answers (`uploadRecordPhoto`): past the
 * size limit `FILE_SIZE_EXCEEDS` 413 (`details.size`: the limit, as the spec's example gives
 * it); not a PNG, JPEG, GIF or BMP image, whatever its name or declared type, `INVALID_DATA` 415;
 * past the resolution limit `FILE_RESOLUTION_EXCEEDS` 415 (`details.resolution`: the image's
 * pixels, as the spec describes it). The photo is kept with the type its bytes show.
 */
async function readImage(
  request: FastifyRequest,
  limits: PhotoLimits,
): Promise<{ bytes: Buffer; contentType: string }> {
  if (!request.isMultipart()) {
    throw new BiginFailure('REQUIRED_PARAM_MISSING', { param_name: 'file' });
  }
  let bytes: Buffer | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: limits.maxBytes } })) {
      if (part.type !== 'file') continue;
      const read = await part.toBuffer();
      if (part.fieldname === 'file') bytes = read;
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new BiginFailure('FILE_SIZE_EXCEEDS', { size: limits.maxBytes });
    }
    throw error;
  }
  if (!bytes) throw new BiginFailure('REQUIRED_PARAM_MISSING', { param_name: 'file' });
  const image = readImageHeader(bytes);
  if (!image) throw new BiginFailure('INVALID_DATA', {}, 'invalid file type', { status: 415 });
  const pixels = image.width * image.height;
  if (pixels > limits.maxPixels) {
    throw new BiginFailure('FILE_RESOLUTION_EXCEEDS', { resolution: pixels });
  }
  return { bytes, contentType: image.type };
}

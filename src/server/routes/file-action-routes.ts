import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../../shared/api-contract.ts';
import { registerFileRoutes } from './file-routes.ts';
import { registerPhotoRoutes } from './photo-routes.ts';
import type { RouteContext } from './route-context.ts';
import { registerUploadRoutes } from './upload-routes.ts';
import { registerZipRoute } from './zip-route.ts';

/**
 * Download, preview, ZIP, upload, delete and photo, in a scope of their own: the multipart
 * parser (streamed uploads) exists only here.
 */
export async function registerFileActionRoutes(
  app: FastifyInstance,
  context: RouteContext,
  maxUploadBytes: number = DEFAULT_MAX_UPLOAD_BYTES,
): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart);
    const files = { ...context, maxUploadBytes };
    registerFileRoutes(scope, files);
    registerUploadRoutes(scope, files);
    registerPhotoRoutes(scope, files);
    registerZipRoute(scope, files);
  });
}

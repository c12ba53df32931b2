import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fileRoutes } from './file-routes.ts';
import { photoRoutes } from './photo-routes.ts';
import type { FileRouteContext } from './route-context.ts';
import { uploadRoutes } from './upload-routes.ts';
import { zipRoute } from './zip-route.ts';

/**
 * Download, preview, ZIP, upload, delete and photo, in a scope of their own: the multipart
 * parser (streamed uploads) exists only here.
 */
export const fileActionRoutes: FastifyPluginAsyncZod<FileRouteContext> = async (scope, files) => {
  await scope.register(multipart);
  await scope.register(fileRoutes, files);
  await scope.register(uploadRoutes, files);
  await scope.register(photoRoutes, files);
  await scope.register(zipRoute, files);
};

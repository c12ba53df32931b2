import compress from '@fastify/compress';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sendNotFound } from '../api-failure.ts';
import { sessionRoute, type SessionRouteOptions } from '../auth/auth-routes.ts';
import { previewLinkRoute, type PreviewOriginOptions } from '../preview/preview-link-route.ts';
import { forCaller } from '../zoho/bigin-client.ts';
import { API_COMPRESS_THRESHOLD, API_GZIP_OPTIONS } from './api-compression.ts';
import { attachmentRoutes } from './attachment-routes.ts';
import { abortWhenBrowserLeaves, callerOf } from './bigin-caller.ts';
import { embedRoutes } from './embed-routes.ts';
import { fileActionRoutes } from './file-action-routes.ts';
import { recordRoutes } from './record-routes.ts';
import type { FileRouteContext } from './route-context.ts';

export interface ApiRoutesOptions {
  context: FileRouteContext;
  session: SessionRouteOptions;
  /** Origins that may frame the embed pages (EMBED_ALLOWED_ORIGINS). */
  embedAllowedOrigins: () => readonly string[];
  /** The preview origin, when there is one: previews are shown from there only. */
  preview?: PreviewOriginOptions | undefined;
}

/**
 * The allow-listed routes, registered under `/api`. Every answer here is about a user: never
 * cached, and counted by the rate limit. Each route names what an embed link must grant to use
 * it (`config.embedAction`); one that names nothing is out of a link's reach.
 */
export const apiRoutes = fp<ApiRoutesOptions>(
  async (api, { context: given, session, embedAllowedOrigins, preview }) => {
    api.addHook('onRoute', (route) => {
      route.config = { noStore: true, rateLimited: true, ...route.config };
    });
    api.addHook('onRequest', abortWhenBrowserLeaves);
    // Each request's calls count against its caller's fair share of Bigin's slots, and end
    // when its browser goes away (bigin-caller.ts, shared-semaphore.ts).
    const context = {
      ...given,
      tokensFor: (request: FastifyRequest) =>
        forCaller(given.tokensFor(request), callerOf(request)),
    };
    // The JSON routes: a page of 200 attachments is ~100 kB, sent compressed when the browser
    // takes it (gzip at its fastest level: most of the saving for a fraction of the CPU). The
    // file routes stay outside: their bytes pass as Bigin sent them, with their length.
    await api.register(async (json) => {
      await json.register(compress, {
        global: true,
        threshold: API_COMPRESS_THRESHOLD,
        encodings: ['gzip'],
        zlibOptions: API_GZIP_OPTIONS,
        customTypes: /^application\/json/,
      });
      await json.register(sessionRoute, session);
      await json.register(recordRoutes, context);
      await json.register(attachmentRoutes, context);
      await json.register(previewLinkRoute, { preview, embedAllowedOrigins });
    });
    await api.register(fileActionRoutes, context);
    await api.register(embedRoutes, { allowedOrigins: embedAllowedOrigins });
    // An API call to no route is answered as one, never with the app's page.
    api.setNotFoundHandler(sendNotFound);
  },
  {
    name: 'api-routes',
    fastify: '5.x',
    encapsulate: true,
    dependencies: ['sessions', 'security-headers', 'embed-grant', 'write-guard', 'error-handler'],
  },
);

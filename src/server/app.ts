import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { ApiFailure, sendApiFailure } from './api-failure.ts';
import { registerAttachmentRoutes } from './routes/attachment-routes.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import type { BiginClient } from './zoho/bigin-client.ts';
import { TokenError } from './zoho/token-manager.ts';

export interface AppOptions {
  bigin: BiginClient;
  /** The built single-page app (`vite build` output); not served when absent. */
  staticDir?: string | undefined;
  logger?: boolean;
}

/** Builds the proxy without listening: `main.ts` listens, tests use inject() or a real socket. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger
      ? { redact: ['req.headers.authorization', 'req.headers.cookie'] }
      : false,
    genReqId: () => randomUUID(),
  });
  registerSecurityHeaders(app);
  // Set before any route: a route keeps the error handler in force when it was added.
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiFailure) return sendApiFailure(request, reply, error);
    if (error instanceof TokenError) {
      return sendApiFailure(
        request,
        reply,
        ApiFailure.proxy('PROXY_SIGN_IN_FAILED', { zoho_error: error.zohoError }),
      );
    }
    request.log.error(error);
    return sendApiFailure(request, reply, ApiFailure.proxy('PROXY_UPSTREAM_UNREACHABLE'));
  });
  registerAttachmentRoutes(app, options.bigin);

  const staticDir = options.staticDir;
  const hasApp = staticDir !== undefined && existsSync(path.join(staticDir, 'index.html'));
  if (hasApp) {
    await app.register(fastifyStatic, { root: path.resolve(staticDir), wildcard: false });
  }

  app.setNotFoundHandler((request, reply) => {
    // Deep links such as /Contacts/4150868000002728001 are the app's routes: serve the app.
    if (hasApp && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendApiFailure(request, reply, ApiFailure.proxy('PROXY_NOT_FOUND'));
  });
  return app;
}

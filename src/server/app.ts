import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { apiPaths } from '../shared/api-contract.ts';
import { BIGIN_MAX_PER_PAGE } from '../shared/bigin-attachment.ts';
import { recordPageOf } from '../shared/record-page.ts';
import { ApiFailure, sendApiFailure } from './api-failure.ts';
import { redirectToSignIn, registerAuthRoutes, type SignInOptions } from './auth/auth-routes.ts';
import { registerWriteGuard } from './auth/write-guard.ts';
import { registerEmbedGrant } from './embed/embed-grant.ts';
import { DEFAULT_ZOHO_EMBED_SDK_URL } from './embed/embed-config.ts';
import { registerEmbedPages } from './embed/embed-pages.ts';
import { logSafeUrl } from './log-safe-url.ts';
import { registerAttachmentRoutes } from './routes/attachment-routes.ts';
import { registerFileActionRoutes } from './routes/file-action-routes.ts';
import { registerEmbedRoutes } from './routes/embed-routes.ts';
import { registerRecordRoutes } from './routes/record-routes.ts';
import { NameFields } from './zoho/name-fields.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { SessionAccess } from './session/session-access.ts';
import type { SessionStoreOptions } from './session/session-store.ts';
import { sendPreviewProblemPage, sendSignInProblemPage } from './problem-page.ts';
import { RefreshTokenRevoked, TokenError } from './zoho/accounts-client.ts';
import type { BiginClient, TokenSource } from './zoho/bigin-client.ts';

export interface AppOptions {
  bigin: BiginClient;
  /** Signs the session cookie. */
  sessionSecret: string;
  /** The address users open the app at (redirect URI, same-origin checks, cookie flags). */
  publicUrl: () => string;
  /** Users sign in (sandbox or Zoho); absent in service mode. */
  signIn?: SignInOptions | undefined;
  /** Service mode: every request acts as this one user. */
  serviceTokens?: TokenSource | undefined;
  /** The built single-page app (`vite build` output); not served when absent. */
  staticDir?: string | undefined;
  logger?: boolean | { stream: { write(line: string): void }; level?: string };
  /** Requests per session (or per address before sign-in) per minute; false turns it off. */
  rateLimitPerMinute?: number | false;
  sessionStore?: SessionStoreOptions;
  /** The largest upload, in bytes (`MAX_UPLOAD_MB`); 20 MB when absent. */
  maxUploadBytes?: number;
  /** Embedding: who may frame the embed pages, and signed links (absent: nobody, none). */
  embed?: EmbedOptions;
}

export interface EmbedOptions {
  /** Origins that may frame the embed pages (EMBED_ALLOWED_ORIGINS). */
  allowedOrigins: () => readonly string[];
  /** Signs and checks embed links (EMBED_SECRET); links are refused without it. */
  secret?: string | undefined;
  /** The credentials a signed link acts with: the service user (or the sandbox's). */
  tokens?: TokenSource | undefined;
  /** Zoho's embedded-app SDK, loaded by the Bigin widget page. */
  sdkUrl?: string;
}

/** Builds the proxy without listening: `main.ts` listens, tests use inject() or a real socket. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  if (!options.signIn === !options.serviceTokens) {
    throw new Error('buildApp needs exactly one of signIn (users sign in) and serviceTokens');
  }
  const app = Fastify({
    logger: options.logger
      ? {
          ...(typeof options.logger === 'object' ? options.logger : {}),
          // URLs only with their secrets blanked; no headers (cookies, tokens) at all.
          serializers: {
            req: (req: FastifyRequest) => ({ method: req.method, url: logSafeUrl(req.url) }),
          },
        }
      : false,
    genReqId: () => randomUUID(),
    // On shutdown, transfers still open (a stalled upload, a long download) are cut rather than
    // waited for: the browser sees a failed transfer, and an upload is checked for on the list.
    forceCloseConnections: true,
  });
  const sessions = new SessionAccess({
    secret: options.sessionSecret,
    publicUrl: options.publicUrl,
    serviceTokens: options.serviceTokens,
    store: options.sessionStore,
  });
  await sessions.register(app);
  registerSecurityHeaders(app);
  const embed = options.embed;
  const embedTokens = embed?.tokens;
  registerEmbedGrant(app, { secret: embed?.secret, canServe: Boolean(embedTokens) });

  // Set before any route: a route keeps the error handler in force when it was added.
  app.setErrorHandler((error, request, reply) => {
    const failure = toFailure(error, request, reply, sessions);
    if (failure.httpStatus >= 500)
      request.log.warn({ code: failure.code, details: failure.details });
    if (request.url.startsWith('/auth/') && wantsHtml(request)) {
      return sendSignInProblemPage(request, reply, failure);
    }
    // A preview's bytes load into a frame: its failure is a page the frame can show.
    const framed = request.headers['sec-fetch-dest'] === 'iframe';
    if (framed && request.routeOptions.url?.endsWith('/attachments/:attachmentId/preview')) {
      return sendPreviewProblemPage(request, reply, failure, embed?.allowedOrigins() ?? []);
    }
    return sendApiFailure(request, reply, failure);
  });

  if (options.rateLimitPerMinute !== false) {
    await app.register(fastifyRateLimit, {
      max: options.rateLimitPerMinute ?? 600,
      timeWindow: 60_000,
      keyGenerator: (request) =>
        request.session ? `session:${request.session.id}` : `ip:${request.ip}`,
      allowList: (request) => !/^\/(api|auth)\//.test(request.url),
      errorResponseBuilder: (_request, context) =>
        ApiFailure.proxy('PROXY_RATE_LIMITED', {
          retry_after_seconds: Math.ceil(context.ttl / 1000),
        }).withHeader('Retry-After', String(Math.ceil(context.ttl / 1000))),
    });
  }
  registerWriteGuard(app, options.publicUrl);

  const context = {
    bigin: options.bigin,
    nameFields: new NameFields(options.bigin),
    // A signed embed link acts with the service credentials, within its grant (embed-grant.ts).
    tokensFor: (r: FastifyRequest) =>
      r.embedGrant && embedTokens ? embedTokens : sessions.tokensFor(r),
    embedAllowedOrigins: embed?.allowedOrigins,
  };
  registerAuthRoutes(app, {
    sessions,
    publicUrl: options.publicUrl,
    signIn: options.signIn,
    maxUploadBytes: options.maxUploadBytes,
  });
  registerRecordRoutes(app, context);
  registerAttachmentRoutes(app, context);
  await registerFileActionRoutes(app, context, options.maxUploadBytes);
  registerEmbedRoutes(app, { allowedOrigins: embed?.allowedOrigins ?? (() => []) });

  const staticDir = options.staticDir;
  const hasApp = staticDir !== undefined && existsSync(path.join(staticDir, 'index.html'));
  if (hasApp) {
    // No index route: "/" is a page of the app like any other, and goes through the sign-in gate.
    await app.register(fastifyStatic, {
      root: path.resolve(staticDir),
      wildcard: false,
      index: false,
    });
    registerEmbedPages(app, {
      allowedOrigins: embed?.allowedOrigins ?? (() => []),
      secret: embed?.secret,
      sdkUrl: embed?.sdkUrl ?? DEFAULT_ZOHO_EMBED_SDK_URL,
      staticDir,
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const isPage = hasApp && request.method === 'GET' && !/^\/(api|auth)(\/|$)/.test(request.url);
    if (!isPage) return sendApiFailure(request, reply, ApiFailure.proxy('PROXY_NOT_FOUND'));
    // Deep links such as /Contacts/4150868000002728001 are the app's routes: serve the app, to
    // someone signed in; anyone else signs in first and comes back here.
    if (!sessions.isSignedIn(request)) return redirectToSignIn(request, reply);
    // A record's page shows its first page of attachments: the browser may ask for it at once,
    // while the app's code is still on its way.
    const record = recordPageOf(request.url.split('?')[0]!);
    if (record) {
      const firstPage = apiPaths.attachments(record.module, record.recordId, 1, BIGIN_MAX_PER_PAGE);
      reply.header('Link', `<${firstPage}>; rel=preload; as=fetch; crossorigin`);
    }
    return reply.header('Cache-Control', 'no-cache').type('text/html').sendFile('index.html');
  });
  return app;
}

function toFailure(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  sessions: SessionAccess,
): ApiFailure {
  if (error instanceof ApiFailure) return error;
  if (error instanceof TokenError) {
    return ApiFailure.proxy('PROXY_SIGN_IN_FAILED', { zoho_error: error.zohoError });
  }
  if (error instanceof RefreshTokenRevoked) {
    if (sessions.serviceMode) {
      request.log.error('Zoho no longer accepts ZOHO_REFRESH_TOKEN: set a new one');
      return ApiFailure.proxy('PROXY_SIGN_IN_FAILED', { zoho_error: 'invalid_code' });
    }
    // Revoked elsewhere (or the user removed the app in Zoho): this session is over.
    sessions.end(request, reply);
    return ApiFailure.proxy('PROXY_SIGNED_OUT');
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return ApiFailure.proxy('PROXY_BAD_REQUEST', {
      problem: (error as Error).message.slice(0, 200),
    });
  }
  request.log.error(error);
  return ApiFailure.proxy('PROXY_UPSTREAM_UNREACHABLE');
}

const wantsHtml = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html');

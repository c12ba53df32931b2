import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { apiPaths, DEFAULT_MAX_UPLOAD_BYTES, type SessionUser } from '../shared/api-contract.ts';
import { BIGIN_MAX_PER_PAGE } from '../shared/bigin-attachment.ts';
import { recordPageOf } from '../shared/record-page.ts';
import { sendNotFound } from './api-failure.ts';
import { authRoutes, redirectToSignIn, type SignInOptions } from './auth/auth-routes.ts';
import { writeGuard } from './auth/write-guard.ts';
import { canonicalPaths } from './canonical-path.ts';
import { embedGrant } from './embed/embed-grant.ts';
import { DEFAULT_ZOHO_EMBED_SDK_URL } from './embed/embed-config.ts';
import { registerEmbedPages } from './embed/embed-pages.ts';
import { frameAuth } from './embed/frame-auth.ts';
import { frameSignInRoutes } from './embed/frame-sign-in-routes.ts';
import { errorHandler } from './error-handler.ts';
import { lifecycle } from './lifecycle.ts';
import { logSafeUrl } from './log-safe-url.ts';
import type { PreviewOriginOptions } from './preview/preview-link-route.ts';
import { rateLimit } from './rate-limit.ts';
import { requestLog } from './request-log.ts';
import { apiRoutes } from './routes/api-routes.ts';
import { DEFAULT_ZIP_MAX_ENTRIES } from './routes/zip-route.ts';
import {
  answerClientError,
  bodyGuard,
  DEFAULT_BODY_MIN_RATE,
  DEFAULT_CONNECTION_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  serverTimeouts,
  type BodyMinRate,
} from './body-guard.ts';
import { securityHeaders } from './security-headers.ts';
import { sessions } from './session/session-access.ts';
import type { SessionStoreOptions } from './session/session-store.ts';
import { EmbeddedStore } from './state/embedded-store.ts';
import { redisOf } from './state/redis-store.ts';
import { Sealer } from './state/sealed.ts';
import type { StateStore } from './state/state-store.ts';
import { isolation } from './isolation.ts';
import { fastifyTrustProxy, type TrustProxy } from './trust-proxy.ts';
import type { BiginClient, TokenSource } from './zoho/bigin-client.ts';
import { NameFields } from './zoho/name-fields.ts';
import { TokenManagers } from './zoho/token-managers.ts';

export interface AppOptions {
  bigin: BiginClient;
  /** Signs the session cookie. */
  sessionSecret: string;
  /**
   * The secret before a rotation (SESSION_SECRET_PREVIOUS): cookies it signed and tokens it
   * sealed are still accepted, and signed again with the new one.
   */
  previousSessionSecret?: string | undefined;
  /**
   * Sessions, tokens, the Bigin budget and the rate limit's counts (state/state-store.ts): a
   * RedisStore shared by every instance, or an EmbeddedStore. Absent: an EmbeddedStore in
   * memory, closed with the app.
   */
  state?: StateStore | undefined;
  /** The address users open the app at (redirect URI, same-origin checks, cookie flags). */
  publicUrl: () => string;
  /** Users sign in (sandbox or Zoho); absent in service mode. */
  signIn?: SignInOptions | undefined;
  /** Service mode: every request acts as this one user. */
  serviceTokens?: TokenSource | undefined;
  /** Service mode: who that user is, for the app bar (service-user.ts). */
  serviceUser?: (() => Promise<SessionUser | undefined>) | undefined;
  /** The built single-page app (`vite build` output); not served when absent. */
  staticDir?: string | undefined;
  /**
   * The log: JSON lines (pino), one per request (request-log.ts), to `stream` (stdout when
   * absent) from `level` (LOG_LEVEL) up. Off when absent or false.
   */
  logger?: boolean | { stream?: { write(line: string): void }; level?: string };
  /** Requests per session (or per address before sign-in) per minute; false turns it off. */
  rateLimitPerMinute?: number | false;
  sessionStore?: SessionStoreOptions;
  /** The largest upload, in bytes (`MAX_UPLOAD_MB`); 20 MB when absent. */
  maxUploadBytes?: number;
  /** How long a request may take to arrive whole (REQUEST_TIMEOUT_SECONDS); 0 for no limit. */
  requestTimeoutMs?: number;
  /** A connection idle either way this long is closed (CONNECTION_TIMEOUT_SECONDS); 0: never. */
  connectionTimeoutMs?: number;
  /** The least a request body must bring per window (body-guard.ts); false: no minimum. */
  bodyMinRate?: BodyMinRate | false;
  /**
   * The most files one ZIP may ask for (`ZIP_MAX_ENTRIES`); 100 when absent, and never more than
   * `rateLimitPerMinute` (each file counts as a request).
   */
  zipMaxEntries?: number | undefined;
  /** Embedding: who may frame the embed pages, and signed links (absent: nobody, none). */
  embed?: EmbedOptions;
  /**
   * The preview origin (preview/preview-server.ts) and the links to it; absent, previews of a
   * PDF are downloads and the rest come from this origin.
   */
  preview?: PreviewOriginOptions | undefined;
  /**
   * On close, how long requests in flight may run before they are stopped
   * (SHUTDOWN_GRACE_SECONDS); 0, the default, stops them at once.
   */
  shutdownGraceMs?: number;
  /** Resolves when the state store can be reached (`GET /readyz`); always ready when absent. */
  stateReady?: () => Promise<void>;
  /** Which proxies in front may name the client's address (TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy;
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

const isSourceMap = (url: string) => /\.map(?:[?#]|$)/.test(url);

/** Builds the proxy without listening: `main.ts` listens, tests use inject() or a real socket. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  if (!options.signIn === !options.serviceTokens) {
    throw new Error('buildApp needs exactly one of signIn (users sign in) and serviceTokens');
  }
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
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
    // One line per request, by the route's pattern (request-log.ts), instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    // A request's whole arrival, body included: generous, for large uploads on slow links; the
    // body guard lets a stalled body go much sooner.
    requestTimeout: requestTimeoutMs,
    http: serverTimeouts(requestTimeoutMs),
    connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    // Its 408 in the app's envelope (PROXY_REQUEST_TIMEOUT), not Fastify's.
    clientErrorHandler: answerClientError,
    // Behind a balancer, the client's address (for the rate limit before sign-in) is the one
    // the trusted proxies forwarded; by default the peer's own.
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
    // On close, requests in flight finish within the grace period and the rest are refused
    // with the app's own envelope (lifecycle.ts), not Fastify's.
    forceCloseConnections: 'idle',
    return503OnClosing: false,
  });
  // Routes declare their params, query and body as the shared zod schemas, validated before the
  // handler runs. Their response schemas type and document the answer, which is sent as it is:
  // encoding it through zod would cost several times JSON.stringify's CPU on a page of 200
  // attachments, and fails on the schemas that transform what Bigin sent.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  const secrets = [options.sessionSecret, options.previousSessionSecret].filter(
    (secret): secret is string => Boolean(secret),
  );
  const state = options.state ?? new EmbeddedStore({ now: options.sessionStore?.now });
  // A store made here is closed here; one handed in belongs to whoever made it (start.ts).
  if (!options.state) app.addHook('onClose', () => state.close());
  const embed = options.embed;
  const embedTokens = embed?.tokens;
  const embedAllowedOrigins = embed?.allowedOrigins ?? (() => []);
  await app.register(requestLog);
  // Watches every request body from the start, those refused before being read too.
  await app.register(bodyGuard, { rate: options.bodyMinRate ?? DEFAULT_BODY_MIN_RATE });
  // Before anything else looks at the path: one spelling of each (canonical-path.ts).
  await app.register(canonicalPaths);
  await app.register(lifecycle, {
    graceMs: options.shutdownGraceMs ?? 0,
    stateReady: options.stateReady ?? (() => state.ping()),
  });
  await app.register(sessions, {
    secrets,
    state,
    sealer: new Sealer(secrets),
    // One manager per refresh token in this process; the state store shares them with the rest.
    tokens:
      options.signIn &&
      new TokenManagers({
        accounts: options.signIn.accounts,
        ...options.signIn.tokenOptions,
        shared: { store: state, sealer: new Sealer(secrets) },
      }),
    publicUrl: options.publicUrl,
    serviceTokens: options.serviceTokens,
    store: options.sessionStore,
  });
  const previewOrigin = options.preview?.origin;
  await app.register(securityHeaders, { previewOrigin });
  // The API's answers stay with the app's pages; https stays https (isolation.ts).
  await app.register(isolation, { publicUrl: options.publicUrl });
  await app.register(embedGrant, { secret: embed?.secret, canServe: Boolean(embedTokens) });
  // A frame token stands for a session, in frames that get no cookie (frame-auth.ts).
  await app.register(frameAuth, {
    store: state,
    sealer: new Sealer(secrets),
    now: options.sessionStore?.now,
  });
  await app.register(errorHandler, { embedHosts: embedAllowedOrigins });
  if (options.rateLimitPerMinute !== false) {
    await app.register(rateLimit, {
      perMinute: options.rateLimitPerMinute ?? 600,
      redis: redisOf(state),
    });
  }
  await app.register(writeGuard, { publicUrl: options.publicUrl });

  await app.register(authRoutes, {
    prefix: '/auth',
    publicUrl: options.publicUrl,
    signIn: options.signIn,
  });
  await app.register(frameSignInRoutes, {
    prefix: '/auth',
    publicUrl: options.publicUrl,
    canSignIn: Boolean(options.signIn),
  });
  await app.register(apiRoutes, {
    prefix: '/api',
    context: {
      bigin: options.bigin,
      nameFields: new NameFields(options.bigin),
      // A signed embed link acts with the service credentials, within its grant (embed-grant.ts).
      tokensFor: (r) => (r.embedGrant && embedTokens ? embedTokens : app.sessions.tokensFor(r)),
      embedAllowedOrigins: embed?.allowedOrigins,
      maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
      // Each file counts against the rate limit: a ZIP is never more than a minute's requests.
      zipMaxEntries: Math.min(
        options.zipMaxEntries ?? DEFAULT_ZIP_MAX_ENTRIES,
        options.rateLimitPerMinute || Infinity,
      ),
    },
    session: {
      signIn: options.signIn,
      maxUploadBytes: options.maxUploadBytes,
      serviceUser: options.serviceUser,
    },
    embedAllowedOrigins,
    preview: options.preview,
  });

  const staticDir = options.staticDir;
  const hasApp = staticDir !== undefined && existsSync(path.join(staticDir, 'index.html'));
  if (hasApp) {
    // No index route: "/" is a page of the app like any other, and goes through the sign-in gate.
    await app.register(fastifyStatic, {
      root: path.resolve(staticDir),
      wildcard: false,
      index: false,
      // The build wrote .br and .gz beside each text file (src/cli/precompress.ts).
      preCompressed: true,
      // Source maps stay on the server's disk (vite.config.ts builds them hidden): never sent.
      allowedPath: (pathName) => !isSourceMap(pathName),
      // Hashed assets never change under their name: a repeat visit asks for none of them. The
      // page itself is asked again each time (its ETag answers 304 while the build is the same).
      setHeaders: (reply, filePath) =>
        reply.header(
          'Cache-Control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        ),
    });
    registerEmbedPages(app, {
      allowedOrigins: embedAllowedOrigins,
      secret: embed?.secret,
      sdkUrl: embed?.sdkUrl ?? DEFAULT_ZOHO_EMBED_SDK_URL,
      staticDir,
      previewOrigin,
    });
  }

  // /api and /auth answer for their own addresses (api-routes.ts, auth-routes.ts): any other
  // GET is a page of the app.
  app.setNotFoundHandler((request, reply) => {
    if (!hasApp || request.method !== 'GET' || isSourceMap(request.url)) {
      return sendNotFound(request, reply);
    }
    // Deep links such as /Contacts/4150868000002728001 are the app's routes: serve the app, to
    // someone signed in; anyone else signs in first and comes back here.
    // With the state store out of reach, who it is cannot be told: the app loads, and its own
    // request for the session answers PROXY_STATE_UNAVAILABLE (a banner, and a retry).
    if (!app.sessions.isSignedIn(request) && !request.sessionUnavailable) {
      return redirectToSignIn(request, reply);
    }
    // A record's page shows the record's name and its first page of attachments: the browser
    // may ask for both at once, while the app's code is still on its way.
    const record = recordPageOf(request.url.split('?')[0]!);
    if (record) {
      const firstPage = apiPaths.attachments(record.module, record.recordId, 1, BIGIN_MAX_PER_PAGE);
      const name = apiPaths.record(record.module, record.recordId);
      reply.header(
        'Link',
        [firstPage, name].map((url) => `<${url}>; rel=preload; as=fetch; crossorigin`).join(', '),
      );
    }
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}

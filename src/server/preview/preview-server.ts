import { createHash } from 'node:crypto';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import { ApiFailure, sendApiFailure } from '../api-failure.ts';
import { sendPreviewProblemPage } from '../problem-page.ts';
import { countedPerMinute, sessionRateKey, type RateLimitOptions } from '../rate-limit.ts';
import { requestLog } from '../request-log.ts';
import { abortWhenBrowserLeaves, callerOf } from '../routes/bigin-caller.ts';
import { restoreFileHeaders, type FileHeaders } from '../routes/file-transfer.ts';
import { sendPreview, withAttachment } from '../routes/preview-delivery.ts';
import type { SessionStore } from '../session/session-store.ts';
import { isStateUnavailable, stateUnavailable } from '../state/state-store.ts';
import {
  forCaller,
  type BiginClient,
  type CallerContext,
  type TokenSource,
} from '../zoho/bigin-client.ts';
import { RefreshTokenRevoked, TokenError } from '../zoho/accounts-client.ts';
import type { PreviewGrant, PreviewLinks } from './preview-links.ts';

export interface PreviewServerOptions {
  links: PreviewLinks;
  bigin: BiginClient;
  /** The app's sessions: a link minted for a session acts with its tokens while it lives. */
  sessions: SessionStore;
  /** Service mode: the one user every request acts as. */
  serviceTokens?: TokenSource | undefined;
  /** What a signed embed link acts with (the service user, or the sandbox's). */
  embedTokens?: TokenSource | undefined;
  /** The app's origin, which frames the previews. */
  appOrigin: () => string;
  /** The log, as the app's (request-log.ts: one line per request); none when absent. */
  logger?: { stream?: { write(line: string): void }; level?: string } | undefined;
  /**
   * The app's rate limit (RATE_LIMIT_PER_MINUTE): a link's opens count against its session, under
   * the app's own key (one count with REDIS_URL; one for this origin without). None when absent.
   */
  rateLimit?: RateLimitOptions | undefined;
}

/** The path of a preview link on the preview origin. */
export const previewLinkPath = (token: string) => `/preview/${token}`;

declare module 'fastify' {
  interface FastifyRequest {
    /** The preview link this request carries, once verified. */
    previewGrant: PreviewGrant | null;
  }
}

/** Nothing but a preview may be framed from here, and nothing here runs. */
const NOTHING_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

/**
 * The preview origin: another listener, on another port or host than the app's, that serves one
 * thing, a file's preview bytes for a link the app's origin minted (preview-links.ts). It has no
 * sign-in, no API, no app shell and no cookie of its own: a document that runs here, even one
 * Chromium's PDF viewer runs unsandboxed, reaches nothing of the user's. Every other address is
 * a plain 404.
 */
export async function buildPreviewServer(options: PreviewServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger
      ? {
          ...options.logger,
          // A link opens a file: its address is never written down, only the route's pattern.
          serializers: { req: (req: FastifyRequest) => ({ method: req.method }) },
        }
      : false,
    logController: new LogController({ disableRequestLogging: true }),
    // A link is a few hundred characters (its claims, the sealed session id, the signature).
    routerOptions: { maxParamLength: 4096 },
    // A preview is reloaded by opening it again: a shutdown does not wait for a long video.
    forceCloseConnections: true,
  });
  app.decorateRequest('previewGrant', null);

  // Who may frame a preview: the app, and the hosts its embedded widget may sit in.
  const ancestors = (grant: PreviewGrant | null) => [
    options.appOrigin(),
    ...(grant?.embedHosts ?? []),
  ];
  const fileHeaders = (type: string, grant: PreviewGrant): FileHeaders => ({
    // Chromium's PDF viewer does not start in a sandbox without scripts (crbug 413851); here
    // that costs nothing: this origin holds nothing to read.
    csp: `${type === 'application/pdf' ? 'sandbox allow-scripts' : 'sandbox'}; frame-ancestors ${ancestors(grant).join(' ')}`,
    // X-Frame-Options cannot name another origin: frame-ancestors decides alone.
    frameOptions: null,
  });

  await app.register(requestLog);
  // A preview whose browser leaves while it waits for a place among Bigin's calls stops waiting.
  app.addHook('onRequest', abortWhenBrowserLeaves);
  app.addHook('onSend', async (_request, reply, payload) => {
    // The app's page shows these as <img>, players and frames of another origin.
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    if (!reply.hasHeader('Content-Security-Policy')) {
      reply.header('Content-Security-Policy', NOTHING_CSP);
      reply.header('X-Frame-Options', 'DENY');
    }
    return payload;
  });

  if (options.rateLimit) {
    await app.register(fastifyRateLimit, {
      ...countedPerMinute(options.rateLimit),
      // After the link is verified: its opens count for whom it acts.
      hook: 'preHandler',
      // Nothing but a link is counted (the key is asked for before the allow-list).
      keyGenerator: (request) =>
        request.previewGrant ? rateKeyOf(request, request.previewGrant) : 'uncounted',
      allowList: (request) => request.previewGrant === null,
    });
  }
  // A load balancer's probe: the process answers (the app's /readyz says whether it takes work).
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get<{ Params: { token: string } }>(
    '/preview/:token',
    {
      onSend: restoreFileHeaders,
      onRequest: async (request) => {
        request.previewGrant = options.links.verify(request.params.token);
      },
    },
    async (request, reply) => {
      const grant = request.previewGrant!;
      const tokens = forCaller(await tokensOf(grant, options), callOf(request, grant));
      return withAttachment(options.bigin, tokens, grant, reply, (response, transfer) =>
        sendPreview(reply, response, transfer, grant.attachmentId, {
          headersFor: (type) => fileHeaders(type, grant),
          inline: () => true,
        }),
      );
    },
  );

  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).type('text/plain; charset=utf-8').send('Not found\n'),
  );

  app.setErrorHandler((error, request, reply) => {
    const failure = toFailure(error, request);
    // A PDF's frame shows what happened, not the error's JSON.
    if (request.headers['sec-fetch-dest'] === 'iframe' && request.previewGrant) {
      return sendPreviewProblemPage(request, reply, failure, ancestors(request.previewGrant));
    }
    return sendApiFailure(request, reply, failure);
  });
  return app;
}

/** The tokens a verified link acts with: its session's while it lives, or the service user's. */
async function tokensOf(grant: PreviewGrant, options: PreviewServerOptions): Promise<TokenSource> {
  const principal = grant.principal;
  if (principal.kind === 'service' && options.serviceTokens) return options.serviceTokens;
  if (principal.kind === 'embed-link' && options.embedTokens) return options.embedTokens;
  if (principal.kind !== 'session') throw ApiFailure.proxy('PROXY_PREVIEW_LINK_INVALID');
  let tokens: TokenSource | undefined;
  try {
    const session = await options.sessions.get(principal.sessionId);
    tokens = session?.tokens && !session.tokens.isRevoked ? session.tokens : undefined;
  } catch (error) {
    if (isStateUnavailable(error)) throw stateUnavailable(error);
    throw error;
  }
  // Signed out (or the session ended) since the link was minted: it opens nothing more.
  if (!tokens) throw ApiFailure.proxy('PROXY_SIGNED_OUT');
  return tokens;
}

const hash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 16);

/**
 * Whose fair share of Bigin's calls a preview counts against: its session's, under the key the
 * app's origin gives the same session (routes/bigin-caller.ts), so that a page of thumbnails and
 * the user's other calls share one; an embed link's record; else the address.
 */
function callOf(request: FastifyRequest, grant: PreviewGrant): CallerContext {
  const { signal } = callerOf(request);
  const principal = grant.principal;
  const caller =
    principal.kind === 'session'
      ? `session-${hash(principal.sessionId)}`
      : principal.kind === 'embed-link'
        ? `link-${hash(`${grant.module}/${grant.recordId}`)}`
        : `ip-${hash(request.ip)}`;
  return { caller, signal };
}

/** Whose rate limit a link's opens count against: its session's (the app's key), else as above. */
function rateKeyOf(request: FastifyRequest, grant: PreviewGrant): string {
  const principal = grant.principal;
  if (principal.kind === 'session') return sessionRateKey(principal.sessionId);
  return principal.kind === 'embed-link'
    ? `link:${hash(`${grant.module}/${grant.recordId}`)}`
    : `ip:${request.ip}`;
}

function toFailure(error: unknown, request: FastifyRequest): ApiFailure {
  if (error instanceof ApiFailure) return error;
  if (error instanceof TokenError || error instanceof RefreshTokenRevoked) {
    return ApiFailure.proxy('PROXY_SIGNED_OUT');
  }
  request.log.error(error);
  return ApiFailure.proxy('PROXY_UPSTREAM_UNREACHABLE');
}

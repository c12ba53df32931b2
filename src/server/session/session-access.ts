import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fp from 'fastify-plugin';
import { ApiFailure } from '../api-failure.ts';
import type { TokenSource } from '../zoho/bigin-client.ts';
import {
  SessionStore,
  type Session,
  type SessionEndReason,
  type SessionStoreOptions,
} from './session-store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Who a request acts for: its session (or the service user), its tokens. */
    sessions: SessionAccess;
  }
  interface FastifyRequest {
    /** The session the signed cookie names, when it is live. */
    session: Session | null;
  }
}

export interface SessionAccessOptions {
  secret: string;
  /** The address users open the app at; https turns on `Secure` and the `__Host-` prefix. */
  publicUrl: () => string;
  /** Service mode: every request acts as this one user, signed in or not. */
  serviceTokens?: TokenSource | undefined;
  store?: SessionStoreOptions;
}

/** How long a shutdown waits for Zoho to answer the revocations of the sessions it ends. */
const SHUTDOWN_REVOCATION_WAIT_MS = 3000;

/**
 * Reads and writes the session cookie; says which user's tokens a request acts with. However a
 * session ends (sign-out, a new sign-in in the same browser, idle or absolute expiry, eviction
 * from a full store, shutdown), its refresh token is revoked at Zoho: Zoho keeps at most 20 per user and
 * client and deletes the oldest when a 21st is made, so tokens left behind would end other
 * sessions of the same user.
 */
export class SessionAccess {
  readonly store: SessionStore;
  private readonly sweeper: NodeJS.Timeout;
  private log: FastifyBaseLogger | undefined;
  /** Revocations still waiting for Zoho's answer. */
  private readonly revoking = new Set<Promise<void>>();

  constructor(private readonly options: SessionAccessOptions) {
    this.store = new SessionStore({
      ...options.store,
      onEnd: (session, reason) => {
        this.revokeTokensOf(session, reason);
        options.store?.onEnd?.(session, reason);
      },
    });
    this.sweeper = setInterval(() => this.store.sweep(), 10 * 60_000).unref();
  }

  get secure(): boolean {
    return this.options.publicUrl().startsWith('https:');
  }

  /** `__Host-` binds the cookie to this exact origin over https: no subdomain can set it. */
  get cookieName(): string {
    return this.secure ? '__Host-bigin_session' : 'bigin_session';
  }

  /** The cookie parser, `request.session` and the hooks that keep it; called by `sessions`. */
  async register(app: FastifyInstance): Promise<void> {
    this.log = app.log;
    await app.register(fastifyCookie, { secret: this.options.secret });
    app.decorateRequest('session', null);
    app.addHook('onRequest', async (request) => {
      const raw = request.cookies[this.cookieName];
      if (!raw) return;
      const { valid, value } = request.unsignCookie(raw);
      if (valid && value) request.session = this.store.get(value) ?? null;
    });
    app.addHook('onClose', async () => {
      clearInterval(this.sweeper);
      // The sessions go with the process: their tokens are revoked, for a few seconds at most.
      this.store.endAll('shutdown');
      await Promise.race([
        Promise.allSettled(this.revoking),
        new Promise((resolve) => setTimeout(resolve, SHUTDOWN_REVOCATION_WAIT_MS).unref()),
      ]);
    });
  }

  /** The request's session, or a new one (with its cookie set on `reply`). */
  ensure(request: FastifyRequest, reply: FastifyReply): Session {
    if (request.session) return request.session;
    return this.start(request, reply);
  }

  /** A new session replaces the request's old one (after sign-in: no fixation). */
  start(request: FastifyRequest, reply: FastifyReply): Session {
    if (request.session) this.store.destroy(request.session.id, 'replaced');
    const session = this.store.create();
    request.session = session;
    reply.setCookie(this.cookieName, session.id, {
      ...this.cookieScope(request),
      signed: true,
    });
    return session;
  }

  end(request: FastifyRequest, reply: FastifyReply): void {
    if (request.session) this.store.destroy(request.session.id, 'signed-out');
    request.session = null;
    reply.clearCookie(this.cookieName, this.cookieScope(request));
  }

  /**
   * Revokes an ended session's refresh token at Zoho in the background: the request that ended it
   * (a sign-out, a sign-in, any request that found it expired or evicted another) never waits for
   * Zoho nor fails because of it. What came of it is logged, never the token.
   */
  private revokeTokensOf(session: Session, reason: SessionEndReason): void {
    const tokens = session.tokens;
    session.tokens = undefined;
    // Zoho already refused it (revoked elsewhere, or deleted as the 21st): nothing to revoke.
    if (!tokens || tokens.isRevoked) return;
    const revoking = tokens.revoke().then(
      (result) => {
        if (result.outcome === 'revoked') {
          this.log?.info({ reason }, 'session ended: refresh token revoked');
        } else if (result.outcome === 'unknown-token') {
          this.log?.info({ reason }, 'session ended: Zoho no longer knew its refresh token');
        } else {
          this.log?.warn(
            { reason, problem: result.problem },
            'session ended, but its refresh token could not be revoked at Zoho',
          );
        }
      },
      (error: unknown) =>
        this.log?.warn(
          { reason, problem: error instanceof Error ? error.message : String(error) },
          'session ended, but its refresh token could not be revoked at Zoho',
        ),
    );
    this.revoking.add(revoking);
    void revoking.finally(() => this.revoking.delete(revoking));
  }

  /**
   * Over https the cookie is `SameSite=None`, so that an embedded widget still has the session
   * where the browser sends cookies to frames (writes stay guarded by Origin and the CSRF
   * token), and `Partitioned` when the session starts inside a frame (kept for that host's
   * site, as browsers that block third-party cookies allow). Over plain http (development),
   * browsers refuse `SameSite=None`: Lax.
   */
  private cookieScope(request: FastifyRequest) {
    const framed = request.headers['sec-fetch-dest'] === 'iframe';
    return {
      path: '/',
      httpOnly: true,
      sameSite: this.secure ? ('none' as const) : ('lax' as const),
      secure: this.secure,
      ...(this.secure && framed ? { partitioned: true } : {}),
    };
  }

  get serviceMode(): boolean {
    return this.options.serviceTokens !== undefined;
  }

  isSignedIn(request: FastifyRequest): boolean {
    return (
      this.serviceMode || Boolean(request.session?.tokens && !request.session.tokens.isRevoked)
    );
  }

  /** The tokens to call Bigin with; 401 PROXY_SIGNED_OUT when there are none. */
  tokensFor(request: FastifyRequest): TokenSource {
    if (this.options.serviceTokens) return this.options.serviceTokens;
    const tokens = request.session?.tokens;
    if (!tokens || tokens.isRevoked) throw ApiFailure.proxy('PROXY_SIGNED_OUT');
    return tokens;
  }
}

/** The session cookie, `request.session` and `app.sessions`, for every route. */
export const sessions = fp<SessionAccessOptions>(
  async (app, options) => {
    const access = new SessionAccess(options);
    await access.register(app);
    app.decorate('sessions', access);
  },
  { name: 'sessions', fastify: '5.x' },
);

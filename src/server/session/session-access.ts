import { createHmac } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fp from 'fastify-plugin';
import { ApiFailure } from '../api-failure.ts';
import type { Sealer } from '../state/sealed.ts';
import { isStateUnavailable, stateUnavailable, type StateStore } from '../state/state-store.ts';
import type { AccessToken } from '../zoho/accounts-client.ts';
import type { TokenSource } from '../zoho/bigin-client.ts';
import type { TokenManagers } from '../zoho/token-managers.ts';
import { PendingSignIns, type PendingSignIn } from './pending-sign-ins.ts';
import {
  newSecret,
  SessionStore,
  type Grant,
  type Session,
  type SessionEndReason,
  type SessionStoreOptions,
} from './session-store.ts';
import { UnsignedCookies } from './unsigned-cookies.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Who a request acts for: its session (or the service user), its tokens. */
    sessions: SessionAccess;
  }
  interface FastifyRequest {
    /** The session the signed cookie names, when it is live. */
    session: Session | null;
    /** The cookie names a session, but the state store could not be reached to read it. */
    sessionUnavailable: boolean;
  }
}

export interface SessionAccessOptions {
  /** Signs the cookies: the first signs, each one (a rotation's previous secret) is accepted. */
  secrets: readonly string[];
  /** The address users open the app at; https turns on `Secure` and the `__Host-` prefix. */
  publicUrl: () => string;
  /** Service mode: every request acts as this one user, signed in or not. */
  serviceTokens?: TokenSource | undefined;
  /** Where sessions are kept (sealed), and the sealer. */
  state: StateStore;
  sealer: Sealer;
  /** The signed-in users' tokens; absent in service mode (nobody signs in). */
  tokens?: TokenManagers | undefined;
  store?: SessionStoreOptions;
}

/** How long a shutdown waits for Zoho to answer revocations still on their way (sign-outs). */
const SHUTDOWN_REVOCATION_WAIT_MS = 3000;
/** How often the sessions whose time ran out unseen have their tokens revoked. */
const END_DUE_EVERY_MS = 60_000;

/**
 * Reads and writes the session cookie; says which user's tokens a request acts with. Sessions
 * exist only for signed-in users (a visit that is not signed in keeps nothing on the server: a
 * started sign-in lives in its own signed cookie, pending-sign-ins.ts), in the state store, so
 * that a restart, a deploy or another instance finds them. However a session ends (sign-out, a
 * new sign-in in the same browser, idle or absolute expiry, eviction from a full store), its
 * refresh token is revoked at Zoho: Zoho keeps at most 20 per user and client and deletes the
 * oldest when a 21st is made, so tokens left behind would end other sessions of the same user.
 * A shutdown ends none.
 */
export class SessionAccess {
  readonly store: SessionStore;
  readonly pending: PendingSignIns;
  private readonly dueTimer: NodeJS.Timeout;
  private log: FastifyBaseLogger | undefined;
  /** Revocations still waiting for Zoho's answer. */
  private readonly revoking = new Set<Promise<void>>();
  private readonly unsigned = new UnsignedCookies();

  constructor(private readonly options: SessionAccessOptions) {
    const tokens = options.tokens;
    this.store = new SessionStore(
      {
        store: options.state,
        sealer: options.sealer,
        tokensOf: (grant, initial) => {
          if (!tokens) throw new Error('no sign-in in service mode');
          return tokens.of(grant, initial);
        },
      },
      {
        ...options.store,
        onEnd: (session, reason) => {
          this.revokeTokensOf(session, reason);
          options.store?.onEnd?.(session, reason);
        },
      },
    );
    this.pending = new PendingSignIns({
      cookieName: () => (this.secure ? '__Host-bigin_sign_in' : 'bigin_sign_in'),
      scope: (request) => this.cookieScope(request),
      now: options.store?.now,
    });
    this.dueTimer = setInterval(() => void this.endDue(), END_DUE_EVERY_MS).unref();
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
    await app.register(fastifyCookie, { secret: [...this.options.secrets] });
    app.decorateRequest('session', null);
    app.decorateRequest('sessionUnavailable', false);
    app.addHook('onRequest', async (request, reply) => {
      const raw = request.cookies[this.cookieName];
      if (!raw) return;
      const { valid, renew, value } = this.unsigned.unsign(request, raw);
      if (!valid || !value) return;
      if (this.serviceMode) {
        request.session = this.serviceSession(value);
      } else {
        try {
          request.session = (await this.store.get(value)) ?? null;
        } catch (error) {
          if (!isStateUnavailable(error)) throw error;
          request.sessionUnavailable = true;
          return;
        }
        if (!request.session) {
          // Gone: signed out elsewhere, or its time ran out. Its token may be due for revocation.
          reply.clearCookie(this.cookieName, this.cookieScope(request));
          void this.endDue();
          return;
        }
      }
      // Signed with SESSION_SECRET_PREVIOUS: signed again with the current secret.
      if (renew) this.setCookie(request, reply, value);
    });
    app.addHook('onClose', async () => {
      clearInterval(this.dueTimer);
      // Sessions outlive the process; only revocations already on their way are waited for.
      await Promise.race([
        Promise.allSettled(this.revoking),
        new Promise((resolve) => setTimeout(resolve, SHUTDOWN_REVOCATION_WAIT_MS).unref()),
      ]);
    });
  }

  /**
   * Service mode only: the request's session, or a new one (with its cookie set on `reply`). It
   * carries nothing but the CSRF token, which is derived from its id: nothing is stored.
   */
  ensure(request: FastifyRequest, reply: FastifyReply): Session {
    if (request.session) return request.session;
    const id = newSecret();
    this.setCookie(request, reply, id);
    request.session = this.serviceSession(id);
    return request.session;
  }

  /** A new session for a signed-in user replaces the request's old one (no fixation). */
  async start(
    request: FastifyRequest,
    reply: FastifyReply,
    grant: Grant,
    user?: Session['user'],
    initial?: AccessToken,
  ): Promise<Session> {
    if (request.sessionUnavailable) throw stateUnavailable();
    if (request.session) await this.store.destroy(request.session, 'replaced');
    const session = await this.store.create(grant, user, initial);
    request.session = session;
    this.setCookie(request, reply, session.id);
    return session;
  }

  /** Ends the request's session (signed out); its cookie goes with the answer. */
  async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const session = request.session;
    request.session = null;
    reply.clearCookie(this.cookieName, this.cookieScope(request));
    if (session && !this.serviceMode) await this.store.destroy(session, 'signed-out');
  }

  /** Starts a sign-in: its `state`, kept in a signed cookie of its own for 10 minutes. */
  startSignIn(request: FastifyRequest, reply: FastifyReply, returnTo: string): string {
    return this.pending.add(request, reply, returnTo);
  }

  /** Takes (and forgets) the sign-in `state` names, if this browser started it recently. */
  takeSignIn(
    request: FastifyRequest,
    reply: FastifyReply,
    state: string,
  ): PendingSignIn | undefined {
    return this.pending.take(request, reply, state);
  }

  private setCookie(request: FastifyRequest, reply: FastifyReply, id: string): void {
    reply.setCookie(this.cookieName, id, { ...this.cookieScope(request), signed: true });
  }

  private serviceSession(id: string): Session {
    const csrfToken = createHmac('sha256', this.options.secrets[0]!)
      .update(`csrf\n${id}`)
      .digest('base64url');
    return { id, csrfToken, createdAt: 0, lastSeenAt: 0 };
  }

  private async endDue(): Promise<void> {
    if (this.serviceMode) return;
    await this.store.endDue().catch((error: unknown) => {
      if (!isStateUnavailable(error)) this.log?.error(error);
    });
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

  /**
   * The tokens to call Bigin with; 401 PROXY_SIGNED_OUT when there are none, 503
   * PROXY_STATE_UNAVAILABLE when the session could not be read.
   */
  tokensFor(request: FastifyRequest): TokenSource {
    if (this.options.serviceTokens) return this.options.serviceTokens;
    if (request.sessionUnavailable) throw stateUnavailable();
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

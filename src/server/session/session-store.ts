import { randomBytes } from 'node:crypto';
import type { RevokeResult } from '../zoho/accounts-client.ts';
import type { TokenSource } from '../zoho/bigin-client.ts';

/** A sign-in the browser has started and not finished: the `state` sent to Zoho names it. */
export interface PendingSignIn {
  returnTo: string;
  createdAt: number;
}

export interface Session {
  id: string;
  /** Sent back in `X-CSRF-Token` on every write; never in a cookie. */
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  /** Present once signed in: the user's refresh token and access token live here, nowhere else. */
  tokens?: SessionTokens | undefined;
  user?: { name: string; email?: string } | undefined;
  pending: Map<string, PendingSignIn>;
}

/** One signed-in user's tokens (a TokenManager): revoked at Zoho when the session ends. */
export type SessionTokens = TokenSource & {
  revoke(): Promise<RevokeResult>;
  readonly isRevoked: boolean;
};

/**
 * Why a session ended: signed out (or Zoho no longer knows its token), replaced by a new sign-in
 * in the same browser, unused past the idle time, past its absolute lifetime, evicted because
 * the store was full, or the server shut down (sessions live in its memory only).
 */
export type SessionEndReason =
  'signed-out' | 'replaced' | 'idle' | 'expired' | 'evicted' | 'shutdown';

export interface SessionStoreOptions {
  /** A session unused this long ends. */
  idleMs?: number;
  /** A session ends this long after sign-in whatever happens. */
  absoluteMs?: number;
  /** Beyond this many sessions the least recently created go first. */
  maxSessions?: number;
  now?: () => number;
  /**
   * Told of every session that ends, however it ends, after it is gone from the store. Called
   * synchronously: it must not wait for anything (a revocation goes on in the background).
   */
  onEnd?: (session: Session, reason: SessionEndReason) => void;
}

/** A started sign-in must come back from Zoho within this time (grant codes live 3 minutes). */
export const PENDING_SIGN_IN_MS = 10 * 60_000;
const MAX_PENDING_PER_SESSION = 5;

export const newSecret = () => randomBytes(32).toString('base64url');

/**
 * Sessions held in this process's memory: a restart signs everyone out, and two processes do not
 * share them. Enough for one instance serving one team.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly idleMs: number;
  private readonly absoluteMs: number;
  private readonly maxSessions: number;
  private readonly now: () => number;
  private readonly onEnd: SessionStoreOptions['onEnd'];

  constructor(options: SessionStoreOptions = {}) {
    this.idleMs = options.idleMs ?? 12 * 3600_000;
    this.absoluteMs = options.absoluteMs ?? 7 * 24 * 3600_000;
    this.maxSessions = options.maxSessions ?? 50_000;
    this.now = options.now ?? Date.now;
    this.onEnd = options.onEnd;
  }

  get size(): number {
    return this.sessions.size;
  }

  create(): Session {
    const now = this.now();
    const session: Session = {
      id: newSecret(),
      csrfToken: newSecret(),
      createdAt: now,
      lastSeenAt: now,
      pending: new Map(),
    };
    this.sessions.set(session.id, session);
    while (this.sessions.size > this.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.end(oldest, 'evicted');
    }
    return session;
  }

  /** The live session with this id, touched; undefined when unknown or past its time. */
  get(id: string): Session | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const over = this.overTime(session);
    if (over) {
      this.end(id, over);
      return undefined;
    }
    session.lastSeenAt = this.now();
    return session;
  }

  destroy(id: string, reason: SessionEndReason): void {
    this.end(id, reason);
  }

  /** Remembers a started sign-in; returns its `state`. */
  addPending(session: Session, returnTo: string): string {
    const state = newSecret();
    session.pending.set(state, { returnTo, createdAt: this.now() });
    while (session.pending.size > MAX_PENDING_PER_SESSION) {
      const oldest = session.pending.keys().next().value;
      if (oldest === undefined) break;
      session.pending.delete(oldest);
    }
    return state;
  }

  /** Takes (and forgets) the sign-in `state` names, if this session started it recently. */
  takePending(session: Session, state: string): PendingSignIn | undefined {
    const pending = session.pending.get(state);
    session.pending.delete(state);
    if (!pending || this.now() - pending.createdAt > PENDING_SIGN_IN_MS) return undefined;
    return pending;
  }

  /** Drops sessions past their time; run now and then so that abandoned ones do not pile up. */
  sweep(): void {
    for (const [id, s] of this.sessions) {
      const over = this.overTime(s);
      if (over) this.end(id, over);
    }
  }

  /** Ends every session: the server is shutting down and takes them with it. */
  endAll(reason: SessionEndReason): void {
    for (const id of [...this.sessions.keys()]) this.end(id, reason);
  }

  /** 'expired' past the absolute lifetime, 'idle' unused too long, else undefined. */
  private overTime(session: Session): 'idle' | 'expired' | undefined {
    const now = this.now();
    if (now - session.createdAt > this.absoluteMs) return 'expired';
    if (now - session.lastSeenAt > this.idleMs) return 'idle';
    return undefined;
  }

  private end(id: string, reason: SessionEndReason): void {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    try {
      this.onEnd?.(session, reason);
    } catch {
      // Whoever listens must not break the request that ended the session.
    }
  }
}

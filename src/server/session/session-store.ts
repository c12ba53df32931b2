import { randomBytes } from 'node:crypto';
import type { AccessToken, RevokeResult } from '../zoho/accounts-client.ts';
import type { TokenSource } from '../zoho/bigin-client.ts';
import { keyOf, type Sealer } from '../state/sealed.ts';
import type { StateStore } from '../state/state-store.ts';

/** What a sign-in leaves: the refresh token and the accounts server that issued it. */
export interface Grant {
  accountsServer: string;
  refreshToken: string;
}

export interface Session {
  id: string;
  /** Sent back in `X-CSRF-Token` on every write; never in a cookie. */
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  /** Present once signed in: the user's refresh token and access token, behind a TokenManager. */
  tokens?: SessionTokens | undefined;
  user?: { name: string; email?: string } | undefined;
}

/** One signed-in user's tokens (a TokenManager): revoked at Zoho when the session ends. */
export type SessionTokens = TokenSource & {
  revoke(): Promise<RevokeResult>;
  readonly isRevoked: boolean;
  /** Keeps the sign-in's access token where every instance finds it. */
  share?(): Promise<void>;
};

/**
 * Why a session ended: signed out (or Zoho no longer knows its token), replaced by a new sign-in
 * in the same browser, unused past the idle time, past its absolute lifetime, or evicted because
 * the store holds as many signed-in sessions as it may. A restart or a deploy ends none: sessions
 * live in the state store, not in the process.
 */
export type SessionEndReason = 'signed-out' | 'replaced' | 'idle' | 'expired' | 'evicted';

export interface SessionStoreOptions {
  /** A session unused this long ends. */
  idleMs?: number;
  /** A session ends this long after sign-in whatever happens. */
  absoluteMs?: number;
  /**
   * Beyond this many signed-in sessions, those nearest their end (the least recently used) go
   * first. Only signed-in sessions count: a visit that is not signed in keeps nothing here.
   */
  maxSessions?: number;
  now?: () => number;
  /**
   * Told of every session that ends, however it ends, after it is gone from the store. Called
   * synchronously: it must not wait for anything (a revocation goes on in the background).
   */
  onEnd?: (session: Session, reason: SessionEndReason) => void;
}

/** What the store keeps of a session, sealed. */
interface SessionRecord {
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  user?: { name: string; email?: string } | undefined;
  grant: Grant;
  /** Its place on the schedule of ends (ENDS): the same string for its whole life. */
  end: string;
}

/** An entry of the schedule of ends: enough to revoke the grant once the session is gone. */
interface EndEntry {
  key: string;
  createdAt: number;
  grant: Grant;
}

/** Every signed-in session, scored by when it ends: the expired are revoked, the oldest evicted. */
const ENDS = 'sessions:ends';

export const newSecret = () => randomBytes(32).toString('base64url');

export interface SessionStoreDeps {
  store: StateStore;
  sealer: Sealer;
  /** The tokens of a grant (one TokenManager per refresh token in this process). */
  tokensOf: (grant: Grant, initial?: AccessToken) => SessionTokens;
}

/**
 * Signed-in sessions in the state store, sealed, under a hash of their id: a restart or another
 * instance reads the same session. The store's TTL ends a session past its idle time or its
 * absolute lifetime; the schedule of ends (`endDue`, run now and then and whenever a cookie names
 * a session that is gone) revokes the refresh tokens of those, so that none is left at Zoho.
 */
export class SessionStore {
  private readonly idleMs: number;
  private readonly absoluteMs: number;
  private readonly maxSessions: number;
  private readonly touchAfterMs: number;
  private readonly now: () => number;
  private readonly onEnd: SessionStoreOptions['onEnd'];
  private ending: Promise<void> | undefined;

  constructor(
    private readonly deps: SessionStoreDeps,
    options: SessionStoreOptions = {},
  ) {
    this.idleMs = options.idleMs ?? 12 * 3600_000;
    this.absoluteMs = options.absoluteMs ?? 7 * 24 * 3600_000;
    this.maxSessions = options.maxSessions ?? 50_000;
    // Not every request rewrites its session: once in a while is enough for the idle time.
    this.touchAfterMs = Math.min(60_000, this.idleMs / 20);
    this.now = options.now ?? Date.now;
    this.onEnd = options.onEnd;
  }

  /** A new signed-in session; beyond maxSessions, the least recently used are ended. */
  async create(grant: Grant, user?: Session['user'], initial?: AccessToken): Promise<Session> {
    const now = this.now();
    const id = newSecret();
    const key = sessionKey(id);
    const record: SessionRecord = {
      csrfToken: newSecret(),
      createdAt: now,
      lastSeenAt: now,
      user,
      grant,
      end: this.deps.sealer.sealJson({ key, createdAt: now, grant } satisfies EndEntry),
    };
    await this.write(key, record);
    for (const entry of await this.deps.store.takeBeyond(ENDS, this.maxSessions)) {
      await this.endEntry(entry, 'evicted');
    }
    const tokens = this.deps.tokensOf(grant, initial);
    await tokens.share?.();
    return this.sessionOf(id, record, tokens);
  }

  /** The live session with this id, touched; undefined when unknown or past its time. */
  async get(id: string): Promise<Session | undefined> {
    const key = sessionKey(id);
    const record = this.deps.sealer.openJson<SessionRecord>(await this.deps.store.get(key));
    if (!record) return undefined;
    const now = this.now();
    const over = this.overTime(record, now);
    if (over) {
      await this.endRecord(key, id, record, over);
      return undefined;
    }
    if (now - record.lastSeenAt >= this.touchAfterMs) {
      record.lastSeenAt = now;
      await this.write(key, record);
    }
    return this.sessionOf(id, record);
  }

  async destroy(session: Session, reason: SessionEndReason): Promise<void> {
    const key = sessionKey(session.id);
    const record = this.deps.sealer.openJson<SessionRecord>(await this.deps.store.get(key));
    if (!record) return;
    await this.endRecord(key, session.id, record, reason, session.tokens);
  }

  /**
   * Ends the sessions whose time is up that no request has come for: their records are gone
   * (the store's TTL), their refresh tokens are revoked here. One caller at a time in this
   * process; each session to one instance only (takeDue).
   */
  endDue(): Promise<void> {
    this.ending ??= (async () => {
      try {
        for (;;) {
          const due = await this.deps.store.takeDue(ENDS, this.now(), 100);
          for (const entry of due) {
            const opened = this.deps.sealer.openJson<EndEntry>(entry);
            const reason = opened && this.now() - opened.createdAt >= this.absoluteMs;
            await this.endEntry(entry, reason ? 'expired' : 'idle');
          }
          if (due.length < 100) return;
        }
      } finally {
        this.ending = undefined;
      }
    })();
    return this.ending;
  }

  private async write(key: string, record: SessionRecord): Promise<void> {
    const endsAt = this.endsAt(record);
    await this.deps.store.set(key, this.deps.sealer.sealJson(record), endsAt - this.now());
    await this.deps.store.schedule(ENDS, record.end, endsAt);
  }

  private endsAt(record: SessionRecord): number {
    return Math.min(record.lastSeenAt + this.idleMs, record.createdAt + this.absoluteMs);
  }

  /** 'expired' past the absolute lifetime, 'idle' unused too long, else undefined. */
  private overTime(record: SessionRecord, now: number): 'idle' | 'expired' | undefined {
    if (now - record.createdAt >= this.absoluteMs) return 'expired';
    if (now - record.lastSeenAt >= this.idleMs) return 'idle';
    return undefined;
  }

  private async endRecord(
    key: string,
    id: string,
    record: SessionRecord,
    reason: SessionEndReason,
    tokens?: SessionTokens,
  ): Promise<void> {
    await this.deps.store.delete(key);
    await this.deps.store.unschedule(ENDS, record.end);
    this.tell(this.sessionOf(id, record, tokens), reason);
  }

  /** A session taken off the schedule of ends (evicted, or due): its record goes, its grant too. */
  private async endEntry(entry: string, reason: SessionEndReason): Promise<void> {
    const opened = this.deps.sealer.openJson<EndEntry>(entry);
    // Sealed with a key no longer given (SESSION_SECRET rotated twice): nothing can be done.
    if (!opened) return;
    await this.deps.store.delete(opened.key);
    const now = this.now();
    this.tell(
      {
        id: '',
        csrfToken: '',
        createdAt: opened.createdAt,
        lastSeenAt: now,
        tokens: this.deps.tokensOf(opened.grant),
      },
      reason,
    );
  }

  private sessionOf(id: string, record: SessionRecord, tokens?: SessionTokens): Session {
    return {
      id,
      csrfToken: record.csrfToken,
      createdAt: record.createdAt,
      lastSeenAt: record.lastSeenAt,
      user: record.user,
      tokens: tokens ?? this.deps.tokensOf(record.grant),
    };
  }

  private tell(session: Session, reason: SessionEndReason): void {
    try {
      this.onEnd?.(session, reason);
    } catch {
      // Whoever listens must not break the request that ended the session.
    }
  }
}

/** The store's key of a session: a hash of its id, which only the browser's cookie holds. */
const sessionKey = (id: string) => `session:${keyOf('session', id)}`;

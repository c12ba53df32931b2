import { randomUUID } from 'node:crypto';
import { ApiFailure } from '../api-failure.ts';
import { EmbeddedStore } from '../state/embedded-store.ts';
import { keyOf, type Sealer } from '../state/sealed.ts';
import type { StateStore } from '../state/state-store.ts';
import {
  RefreshTokenRevoked,
  type AccessToken,
  type AccountsClient,
  type RevokeResult,
} from './accounts-client.ts';

/** Refresh this long before expiry (at most a tenth of a short lifetime), so that no token dies in flight. */
const EARLY_REFRESH_MS = 5 * 60_000;
/** Zoho allows at most 10 access-token requests per refresh token in 10 minutes. */
export const ZOHO_REFRESH_BUDGET = { max: 10, windowMs: 10 * 60_000 };

export interface TokenManagerOptions {
  accounts: AccountsClient;
  /** The accounts server that issued the refresh token (the user's data centre). */
  accountsServer: string;
  refreshToken: string;
  /** The access token the sign-in came back with, if any. */
  initial?: AccessToken | undefined;
  now?: () => number;
  budget?: { max: number; windowMs: number };
  /**
   * Where the access token, the refresh lock and the refresh budget are kept for every instance
   * (sealed). Absent: in this process alone.
   */
  shared?: SharedTokens | undefined;
}

/** The state store and the sealer the token state lives in, shared by every instance. */
export interface SharedTokens {
  store: StateStore;
  sealer: Sealer;
}

/** How long one instance may hold the refresh lock: longer than Zoho's answer may take. */
const REFRESH_LEASE_MS = 15_000;
/** How long a caller waits for another instance's refresh before giving up. */
const REFRESH_WAIT_MS = 20_000;
const REFRESH_POLL_MS = 25;

/**
 * Holds one user's refresh token and the access token minted from it: reused until about five
 * minutes before it expires, refreshed once for all concurrent callers of every instance (a lock
 * with a lease in the state store; the others wait for the token it leaves there), and never
 * refreshed more often than Zoho allows, counted once for every instance (its throttle answer,
 * once seen, locks refreshing for the whole window).
 */
export class TokenManager {
  private current: AccessToken | undefined;
  private inFlight: Promise<AccessToken> | undefined;
  private revoked = false;
  private requested = 0;
  private readonly now: () => number;
  private readonly budget: { max: number; windowMs: number };
  private readonly store: StateStore;
  private readonly sealer: Sealer | undefined;
  /** The store's keys for this refresh token: a hash of it, never the token itself. */
  private readonly keys: { access: string; lock: string; budget: string; lockedOut: string };

  constructor(private readonly options: TokenManagerOptions) {
    this.current = options.initial;
    this.now = options.now ?? Date.now;
    this.budget = options.budget ?? ZOHO_REFRESH_BUDGET;
    this.store = options.shared?.store ?? new EmbeddedStore({ now: this.now, sweepEveryMs: 0 });
    this.sealer = options.shared?.sealer;
    const id = keyOf(options.accountsServer, options.refreshToken);
    this.keys = {
      access: `token:${id}:access`,
      lock: `token:${id}:lock`,
      budget: `token:${id}:refreshes`,
      lockedOut: `token:${id}:locked-out`,
    };
  }

  get accountsServer(): string {
    return this.options.accountsServer;
  }

  get isRevoked(): boolean {
    return this.revoked;
  }

  /** How many access tokens this instance asked Zoho for with this refresh token (tests, bench). */
  get refreshCount(): number {
    return this.requested;
  }

  /** Keeps the sign-in's access token where every instance finds it. */
  async share(): Promise<void> {
    if (this.current) await this.writeShared(this.current);
  }

  async get(): Promise<AccessToken> {
    const stale = this.current?.token;
    if (this.fresh(this.current)) return this.current;
    // Another instance may have refreshed it already.
    const shared = await this.readShared();
    if (this.fresh(shared)) return (this.current = shared);
    return this.refresh(stale);
  }

  /** Drops a token Bigin called invalid and fetches another (once, however many callers ask). */
  async refreshAfterRejection(rejected: string): Promise<AccessToken> {
    if (this.current && this.current.token !== rejected) return this.current;
    this.current = undefined;
    return this.refresh(rejected);
  }

  /**
   * Revokes the refresh token at Zoho (the session ended). From now on this manager hands out no
   * token, whatever Zoho answers.
   */
  async revoke(): Promise<RevokeResult> {
    this.revoked = true;
    this.current = undefined;
    await this.store.delete(this.keys.access).catch(() => undefined);
    return this.options.accounts.revoke(this.options.accountsServer, this.options.refreshToken);
  }

  private fresh(token: AccessToken | undefined): token is AccessToken {
    return (
      token !== undefined &&
      token.expiresAt - Math.min(EARLY_REFRESH_MS, token.lifetimeMs / 10) > this.now()
    );
  }

  private refresh(stale: string | undefined): Promise<AccessToken> {
    this.inFlight ??= this.refreshOnce(stale).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** One refresh for every instance: whoever holds the lock asks Zoho, the others wait for it. */
  private async refreshOnce(stale: string | undefined): Promise<AccessToken> {
    if (this.revoked) throw new RefreshTokenRevoked();
    const holder = randomUUID();
    const giveUpAt = Date.now() + REFRESH_WAIT_MS;
    for (;;) {
      if (await this.store.setIfAbsent(this.keys.lock, holder, REFRESH_LEASE_MS)) {
        try {
          // Refreshed elsewhere between our look and our lock: nothing to ask for.
          const shared = await this.readShared();
          if (this.fresh(shared) && shared.token !== stale) return (this.current = shared);
          return await this.requestToken();
        } finally {
          await this.store.delete(this.keys.lock, holder).catch(() => undefined);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, REFRESH_POLL_MS));
      const shared = await this.readShared();
      if (this.fresh(shared) && shared.token !== stale) return (this.current = shared);
      if (Date.now() > giveUpAt) throw ApiFailure.proxy('PROXY_UPSTREAM_TIMEOUT');
    }
  }

  private async requestToken(): Promise<AccessToken> {
    const lockedOut = Number(await this.store.get(this.keys.lockedOut));
    if (lockedOut > this.now()) throw throttled(lockedOut - this.now());
    const spent = await this.store.spend(this.keys.budget, this.budget.max, this.budget.windowMs);
    if (!spent.spent) throw throttled(spent.retryInMs);

    this.requested += 1;
    try {
      const token = await this.options.accounts.refresh(
        this.options.accountsServer,
        this.options.refreshToken,
      );
      this.current = token;
      await this.writeShared(token);
      return token;
    } catch (error) {
      if (error instanceof RefreshTokenRevoked) this.revoked = true;
      if (error instanceof ApiFailure && error.code === 'PROXY_TOKEN_THROTTLED') {
        // Asking again only extends Zoho's lock-out: wait out a whole window first.
        const until = this.now() + this.budget.windowMs;
        await this.store.set(this.keys.lockedOut, String(until), this.budget.windowMs);
        throw throttled(this.budget.windowMs);
      }
      throw error;
    }
  }

  private async readShared(): Promise<AccessToken | undefined> {
    const value = await this.store.get(this.keys.access);
    if (value === undefined) return undefined;
    return this.sealer
      ? this.sealer.openJson<AccessToken>(value)
      : (JSON.parse(value) as AccessToken);
  }

  private async writeShared(token: AccessToken): Promise<void> {
    const ttl = token.expiresAt - this.now();
    if (ttl <= 0) return;
    const value = this.sealer ? this.sealer.sealJson(token) : JSON.stringify(token);
    await this.store.set(this.keys.access, value, ttl);
  }
}

function throttled(waitMs: number): ApiFailure {
  return ApiFailure.proxy('PROXY_TOKEN_THROTTLED', {
    retry_after_seconds: Math.ceil(waitMs / 1000),
  }).withHeader('Retry-After', String(Math.ceil(waitMs / 1000)));
}

import { ApiFailure } from '../api-failure.ts';
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
}

/**
 * Holds one user's refresh token and the access token minted from it: reused until about five
 * minutes before it expires, refreshed once for all concurrent callers, and never refreshed more
 * often than Zoho allows (its throttle answer, once seen, locks refreshing for the whole window).
 */
export class TokenManager {
  private current: AccessToken | undefined;
  private inFlight: Promise<AccessToken> | undefined;
  private readonly refreshes: number[] = [];
  private lockedUntil = 0;
  private revoked = false;
  private requested = 0;
  private readonly now: () => number;
  private readonly budget: { max: number; windowMs: number };

  constructor(private readonly options: TokenManagerOptions) {
    this.current = options.initial;
    this.now = options.now ?? Date.now;
    this.budget = options.budget ?? ZOHO_REFRESH_BUDGET;
  }

  get accountsServer(): string {
    return this.options.accountsServer;
  }

  get isRevoked(): boolean {
    return this.revoked;
  }

  /** How many access tokens this refresh token has been asked for (for tests and the bench). */
  get refreshCount(): number {
    return this.requested;
  }

  async get(): Promise<AccessToken> {
    const c = this.current;
    if (c && c.expiresAt - Math.min(EARLY_REFRESH_MS, c.lifetimeMs / 10) > this.now()) return c;
    return this.refresh();
  }

  /** Drops a token Bigin called invalid and fetches another (once, however many callers ask). */
  async refreshAfterRejection(rejected: string): Promise<AccessToken> {
    if (this.current && this.current.token !== rejected) return this.current;
    this.current = undefined;
    return this.refresh();
  }

  /**
   * Revokes the refresh token at Zoho (the session ended). From now on this manager hands out no
   * token, whatever Zoho answers.
   */
  async revoke(): Promise<RevokeResult> {
    this.revoked = true;
    this.current = undefined;
    return this.options.accounts.revoke(this.options.accountsServer, this.options.refreshToken);
  }

  private refresh(): Promise<AccessToken> {
    this.inFlight ??= this.requestToken().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async requestToken(): Promise<AccessToken> {
    if (this.revoked) throw new RefreshTokenRevoked();
    const now = this.now();
    while (this.refreshes.length && this.refreshes[0]! <= now - this.budget.windowMs) {
      this.refreshes.shift();
    }
    const budgetFreeAt =
      this.refreshes.length >= this.budget.max ? this.refreshes[0]! + this.budget.windowMs : 0;
    const waitUntil = Math.max(this.lockedUntil, budgetFreeAt);
    if (waitUntil > now) throw throttled(waitUntil - now);

    this.refreshes.push(now);
    this.requested += 1;
    try {
      this.current = await this.options.accounts.refresh(
        this.options.accountsServer,
        this.options.refreshToken,
      );
      return this.current;
    } catch (error) {
      if (error instanceof RefreshTokenRevoked) this.revoked = true;
      if (error instanceof ApiFailure && error.code === 'PROXY_TOKEN_THROTTLED') {
        // Asking again only extends Zoho's lock-out: wait out a whole window first.
        this.lockedUntil = now + this.budget.windowMs;
        throw throttled(this.budget.windowMs);
      }
      throw error;
    }
  }
}

function throttled(waitMs: number): ApiFailure {
  return ApiFailure.proxy('PROXY_TOKEN_THROTTLED', {
    retry_after_seconds: Math.ceil(waitMs / 1000),
  }).withHeader('Retry-After', String(Math.ceil(waitMs / 1000)));
}

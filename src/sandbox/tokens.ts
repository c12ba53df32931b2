import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

export interface Grant {
  userId: string;
  clientId: string;
  scopes: string[];
}

interface CodeGrant extends Grant {
  redirectUri: string;
  /** `access_type=offline`: the code is exchanged for a refresh token too. */
  offline: boolean;
  expiresAt: number;
}

interface RefreshGrant extends Grant {
  /** A documented self-client token: Zoho's Self Client is a client of its own, not counted. */
  pinned: boolean;
}

interface AccessGrant extends Grant {
  refreshToken: string | undefined;
  expiresAt: number;
}

export interface TokenStoreOptions {
  /** Access token lifetime; Zoho's is 3600 s, tests shorten it. */
  accessTokenTtlMs: number;
  now?: () => number;
  /**
   * Where refresh and access tokens are kept across restarts (DATA_DIR/tokens.json), as Zoho
   * keeps them: a restart of the sandbox signs nobody out. In memory only when absent.
   */
  file?: string | undefined;
}

/** Zoho's documented limits (Accounts' token validity page). */
const GRANT_CODE_TTL_MS = 3 * 60_000;
const TOKEN_REQUESTS_PER_WINDOW = 10;
const TOKEN_REQUEST_WINDOW_MS = 10 * 60_000;
const ACCESS_TOKENS_PER_REFRESH_TOKEN = 15;
/** Zoho keeps at most 20 refresh tokens per user and client; the 21st deletes the oldest. */
export const REFRESH_TOKENS_PER_USER_AND_CLIENT = 20;

/** Zoho writes tokens and codes as "1000.<hex>.<hex>". */
const newToken = () => `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;

/** Grant codes, refresh tokens and access tokens the sandbox's accounts server has issued. */
export class TokenStore {
  private readonly codes = new Map<string, CodeGrant>();
  /** In the order they were issued: the first of a user's and client's is the oldest. */
  private readonly refresh = new Map<string, RefreshGrant>();
  private readonly access = new Map<string, AccessGrant>();
  /** When each refresh token last asked for access tokens, for Zoho's throttle. */
  private readonly requests = new Map<string, number[]>();
  private readonly now: () => number;

  private writeTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: TokenStoreOptions) {
    this.now = options.now ?? Date.now;
    if (options.file) this.load(options.file);
  }

  /** Writes out what changed since the last write (on close). */
  flush(): void {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    const file = this.options.file;
    if (!file) return;
    const temp = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, JSON.stringify({ refresh: [...this.refresh], access: [...this.access] }));
      renameSync(temp, file);
    } catch {
      rmSync(temp, { force: true });
    }
  }

  private changed(): void {
    if (!this.options.file || this.writeTimer) return;
    this.writeTimer = setTimeout(() => this.flush(), 200);
    this.writeTimer.unref();
  }

  private load(file: string): void {
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as {
        refresh?: [string, RefreshGrant][];
        access?: [string, AccessGrant][];
      };
      for (const [token, grant] of saved.refresh ?? []) this.refresh.set(token, grant);
      for (const [token, grant] of saved.access ?? []) this.access.set(token, grant);
    } catch {
      // No file yet, or one this sandbox cannot read: it starts with no tokens, as before.
    }
  }

  /** Registers a refresh token with a fixed value (a documented self-client token). */
  addRefreshToken(token: string, grant: Grant): void {
    this.refresh.set(token, { ...grant, pinned: true });
    this.changed();
  }

  issueGrantCode(grant: Grant & { redirectUri: string; offline: boolean }): string {
    const code = newToken();
    this.codes.set(code, { ...grant, expiresAt: this.now() + GRANT_CODE_TTL_MS });
    return code;
  }

  /** A grant code is good once, for three minutes. */
  redeemGrantCode(code: string): CodeGrant | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    return grant && grant.expiresAt > this.now() ? grant : undefined;
  }

  /**
   * A new refresh token for the user and client. Past 20 of them the oldest is deleted with its
   * access tokens, as Zoho does: an app that never revokes its users' tokens loses sessions.
   */
  issueRefreshToken(grant: Grant): string {
    const token = newToken();
    const { userId, clientId, scopes } = grant;
    this.refresh.set(token, { userId, clientId, scopes, pinned: false });
    const counted = this.countedTokensOf(userId, clientId);
    const excess = Math.max(0, counted.length - REFRESH_TOKENS_PER_USER_AND_CLIENT);
    for (const old of counted.slice(0, excess)) this.revoke(old);
    this.changed();
    return token;
  }

  findRefreshToken(token: string): Grant | undefined {
    return this.refresh.get(token);
  }

  /** How many counted refresh tokens each user holds for each client (the control routes). */
  liveRefreshTokens(): { userId: string; clientId: string; count: number }[] {
    const counts = new Map<string, { userId: string; clientId: string; count: number }>();
    for (const grant of this.refresh.values()) {
      if (grant.pinned) continue;
      const key = `${grant.userId} ${grant.clientId}`;
      const entry = counts.get(key) ?? { userId: grant.userId, clientId: grant.clientId, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
    return [...counts.values()];
  }

  private countedTokensOf(userId: string, clientId: string): string[] {
    return [...this.refresh]
      .filter(([, g]) => !g.pinned && g.userId === userId && g.clientId === clientId)
      .map(([token]) => token);
  }

  /**
   * Counts one access-token request against a refresh token; false once it has made more than
   * ten in ten minutes. Refused requests count too, so retrying extends the lock-out, as at Zoho.
   */
  admitTokenRequest(refreshToken: string): boolean {
    const now = this.now();
    const recent = (this.requests.get(refreshToken) ?? []).filter(
      (t) => t > now - TOKEN_REQUEST_WINDOW_MS,
    );
    recent.push(now);
    this.requests.set(refreshToken, recent);
    return recent.length <= TOKEN_REQUESTS_PER_WINDOW;
  }

  issueAccessToken(
    grant: Grant,
    refreshToken?: string,
  ): { token: string; expiresInSeconds: number } {
    const token = newToken();
    const { userId, clientId, scopes } = grant;
    const expiresAt = this.now() + this.options.accessTokenTtlMs;
    this.access.set(token, { userId, clientId, scopes, refreshToken, expiresAt });
    if (refreshToken) this.evictBeyondLimit(refreshToken);
    this.changed();
    return { token, expiresInSeconds: Math.round(this.options.accessTokenTtlMs / 1000) };
  }

  /** The grant behind a live access token; undefined when unknown, expired or revoked. */
  findAccessToken(token: string): Grant | undefined {
    const grant = this.access.get(token);
    if (!grant) return undefined;
    if (grant.expiresAt <= this.now()) {
      this.access.delete(token);
      return undefined;
    }
    return grant;
  }

  /** Revokes a refresh token and every access token minted from it. */
  revoke(refreshToken: string): boolean {
    if (!this.refresh.delete(refreshToken)) return false;
    for (const [token, grant] of this.access) {
      if (grant.refreshToken === refreshToken) this.access.delete(token);
    }
    this.requests.delete(refreshToken);
    this.changed();
    return true;
  }

  /** Zoho keeps at most 15 live access tokens per refresh token and drops the oldest. */
  private evictBeyondLimit(refreshToken: string): void {
    const minted = [...this.access].filter(([, g]) => g.refreshToken === refreshToken);
    for (const [token] of minted.slice(
      0,
      Math.max(0, minted.length - ACCESS_TOKENS_PER_REFRESH_TOKEN),
    )) {
      this.access.delete(token);
    }
  }
}

import { randomBytes } from 'node:crypto';

export const ALL_SCOPES = [
  'ZohoBigin.modules.ALL',
  'ZohoBigin.settings.modules.READ',
  'ZohoSearch.securesearch.READ',
];

interface Grant {
  userId: string;
  clientId: string;
  scopes: string[];
}

interface AccessGrant extends Grant {
  expiresAt: number;
}

export interface TokenStoreOptions {
  /** Access token lifetime; Zoho's is 3600 s, tests shorten it. */
  accessTokenTtlMs: number;
  now?: () => number;
}

/** Zoho writes tokens as "1000.<hex>.<hex>". */
const newToken = () => `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;

/** Refresh and access tokens the sandbox's accounts server has issued. */
export class TokenStore {
  private readonly refresh = new Map<string, Grant>();
  private readonly access = new Map<string, AccessGrant>();
  private readonly now: () => number;

  constructor(private readonly options: TokenStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Registers a refresh token with a fixed value (a documented self-client token). */
  addRefreshToken(token: string, grant: Grant): void {
    this.refresh.set(token, grant);
  }

  issueRefreshToken(grant: Grant): string {
    const token = newToken();
    this.refresh.set(token, grant);
    return token;
  }

  findRefreshToken(token: string): Grant | undefined {
    return this.refresh.get(token);
  }

  issueAccessToken(grant: Grant): { token: string; expiresInSeconds: number } {
    const token = newToken();
    this.access.set(token, { ...grant, expiresAt: this.now() + this.options.accessTokenTtlMs });
    return { token, expiresInSeconds: Math.round(this.options.accessTokenTtlMs / 1000) };
  }

  /** The grant behind a live access token; undefined when unknown or expired. */
  findAccessToken(token: string): Grant | undefined {
    const grant = this.access.get(token);
    if (!grant) return undefined;
    if (grant.expiresAt <= this.now()) {
      this.access.delete(token);
      return undefined;
    }
    return grant;
  }
}

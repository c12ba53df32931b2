import { z } from 'zod';

export interface ZohoClientCredentials {
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
}

const tokenAnswerSchema = z.union([
  z.object({
    access_token: z.string(),
    expires_in: z.number(),
    api_domain: z.string(),
    token_type: z.string().optional(),
  }),
  // Zoho reports token errors in the body, often with HTTP 200.
  z.object({ error: z.string(), error_description: z.string().optional() }),
]);

export class TokenError extends Error {
  constructor(readonly zohoError: string) {
    super(`Zoho Accounts refused the token request: ${zohoError}`);
  }
}

export interface AccessToken {
  token: string;
  apiDomain: string;
  expiresAt: number;
}

/** Refresh this long before expiry, so that a token never dies in flight. */
const EARLY_REFRESH_MS = 5 * 60_000;

/**
 * Holds one refresh token and the access token minted from it: reused until about five minutes
 * before it expires, refreshed once for all concurrent callers.
 */
export class TokenManager {
  private current: AccessToken | undefined;
  private inFlight: Promise<AccessToken> | undefined;

  constructor(
    private readonly client: ZohoClientCredentials,
    private readonly refreshToken: string,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<AccessToken> {
    if (this.current && this.current.expiresAt - EARLY_REFRESH_MS > this.now()) return this.current;
    return this.refresh();
  }

  /** Drops a token Zoho called invalid and fetches another (once, however many callers ask). */
  async refreshAfterRejection(rejected: string): Promise<AccessToken> {
    if (this.current && this.current.token !== rejected) return this.current;
    this.current = undefined;
    return this.refresh();
  }

  private refresh(): Promise<AccessToken> {
    this.inFlight ??= this.requestToken().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async requestToken(): Promise<AccessToken> {
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: this.client.clientId,
      client_secret: this.client.clientSecret,
      refresh_token: this.refreshToken,
    });
    const response = await fetch(new URL('/oauth/v2/token', this.client.accountsUrl), {
      method: 'POST',
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const answer = tokenAnswerSchema.parse(await response.json());
    if ('error' in answer) throw new TokenError(answer.error);
    this.current = {
      token: answer.access_token,
      apiDomain: answer.api_domain,
      expiresAt: this.now() + answer.expires_in * 1000,
    };
    return this.current;
  }
}

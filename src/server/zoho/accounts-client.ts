import { z } from 'zod';
import type { SessionUser } from '../../shared/api-contract.ts';
import { USER_INFO_PATH, userInfoAnswerSchema, userOfInfo } from '../../shared/zoho-accounts.ts';
import { ApiFailure } from '../api-failure.ts';
import type { TrustedOrigins } from './data-centres.ts';

export interface ZohoClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface AccessToken {
  token: string;
  /** The origin Bigin calls go to for this user (their data centre). */
  apiDomain: string;
  expiresAt: number;
  lifetimeMs: number;
}

const tokenAnswerSchema = z.union([
  z.object({
    access_token: z.string().min(1),
    refresh_token: z.string().min(1).optional(),
    expires_in: z.number().positive(),
    api_domain: z.string(),
    token_type: z.string().optional(),
  }),
  // Zoho reports token errors in the body, often with HTTP 200.
  z.object({ error: z.string(), error_description: z.string().optional() }),
]);

/** Zoho Accounts refused to issue a token; the code is Zoho's own (`invalid_client`, ...). */
export class TokenError extends Error {
  constructor(readonly zohoError: string) {
    super(`Zoho Accounts refused the token request: ${zohoError}`);
  }
}

/** The refresh token no longer works (revoked, or never valid): the user must sign in again. */
export class RefreshTokenRevoked extends Error {
  constructor() {
    super('Zoho Accounts no longer accepts this refresh token');
  }
}

/**
 * What came of revoking a refresh token. Zoho documents `{"status":"success"}`, and HTTP 400 for
 * a token it does not know (revoked elsewhere, or deleted as a user's 21st): nothing left to do.
 */
export type RevokeResult =
  { outcome: 'revoked' } | { outcome: 'unknown-token' } | { outcome: 'failed'; problem: string };

/** Zoho's answer when too many tokens were asked for; retrying only extends the lock-out. */
export const ZOHO_THROTTLE_ERROR = 'Access Denied';

export interface AccountsClientOptions {
  client: ZohoClientCredentials;
  trusted: TrustedOrigins;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Zoho Accounts' token endpoints. Token requests are never retried: each one counts. */
export class AccountsClient {
  private readonly fetch: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly options: AccountsClientOptions) {
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.now = options.now ?? Date.now;
  }

  /** Trades the callback's grant code for a refresh token and a first access token. */
  async exchangeCode(
    accountsServer: string,
    code: string,
    redirectUri: string,
  ): Promise<{ refreshToken: string; access: AccessToken }> {
    const answer = await this.tokenRequest(accountsServer, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
    });
    if (!answer.refresh_token) throw new TokenError('no_refresh_token');
    return { refreshToken: answer.refresh_token, access: this.toAccessToken(answer) };
  }

  async refresh(accountsServer: string, refreshToken: string): Promise<AccessToken> {
    try {
      const answer = await this.tokenRequest(accountsServer, {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
      });
      return this.toAccessToken(answer);
    } catch (error) {
      // Zoho answers `invalid_code` for a refresh token it no longer knows (revoked).
      if (error instanceof TokenError && error.zohoError === 'invalid_code') {
        throw new RefreshTokenRevoked();
      }
      throw error;
    }
  }

  /**
   * `POST {accounts-server}/oauth/v2/token/revoke?token=...`, as Zoho documents it. Never throws:
   * the session ends whatever Zoho answers, and the caller logs what came of it.
   */
  async revoke(accountsServer: string, refreshToken: string): Promise<RevokeResult> {
    const url = new URL('/oauth/v2/token/revoke', accountsServer);
    url.searchParams.set('token', refreshToken);
    let response: Response;
    let body: unknown;
    try {
      response = await this.fetch(url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      body = await response.json().catch(() => undefined);
    } catch {
      return { outcome: 'failed', problem: 'accounts server unreachable' };
    }
    // Only the status is documented for an invalid token, not the body.
    if (response.status === 400) return { outcome: 'unknown-token' };
    const status = (body as { status?: unknown } | undefined)?.status;
    if (response.ok && status === 'success') return { outcome: 'revoked' };
    const error = (body as { error?: unknown } | undefined)?.error;
    return {
      outcome: 'failed',
      problem: `HTTP ${response.status}${typeof error === 'string' ? ` ${error.slice(0, 100)}` : ''}`,
    };
  }

  /**
   * Who an access token belongs to: `GET {accounts-server}/oauth/user/info` (scope
   * `AaaServer.profile.READ`), the user's name and email. Never throws: without the scope, or
   * when Zoho cannot be reached or answers oddly, the user is simply not named (undefined).
   * Asked once at sign-in, so a slow Zoho delays the sign-in by 5 seconds at most.
   */
  async userInfo(accountsServer: string, accessToken: string): Promise<SessionUser | undefined> {
    try {
      const response = await this.fetch(new URL(USER_INFO_PATH, accountsServer), {
        headers: { Authorization: `Zoho-oauthtoken ${accessToken}`, Accept: 'application/json' },
        redirect: 'manual',
        signal: AbortSignal.timeout(Math.min(this.options.timeoutMs ?? 10_000, 5000)),
      });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        return undefined;
      }
      const parsed = userInfoAnswerSchema.safeParse(await response.json());
      return parsed.success ? userOfInfo(parsed.data) : undefined;
    } catch {
      return undefined;
    }
  }

  private async tokenRequest(accountsServer: string, params: Record<string, string>) {
    const body = new URLSearchParams({
      ...params,
      client_id: this.options.client.clientId,
      client_secret: this.options.client.clientSecret,
    });
    let json: unknown;
    try {
      const response = await this.fetch(new URL('/oauth/v2/token', accountsServer), {
        method: 'POST',
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      json = await response.json();
    } catch {
      throw ApiFailure.proxy('PROXY_SIGN_IN_FAILED', { reason: 'accounts server unreachable' });
    }
    const parsed = tokenAnswerSchema.safeParse(json);
    if (!parsed.success) throw new TokenError('unexpected_answer');
    const answer = parsed.data;
    if ('error' in answer) {
      if (answer.error === ZOHO_THROTTLE_ERROR) throw ApiFailure.proxy('PROXY_TOKEN_THROTTLED');
      throw new TokenError(answer.error);
    }
    return answer;
  }

  private toAccessToken(answer: {
    access_token: string;
    expires_in: number;
    api_domain: string;
  }): AccessToken {
    const apiDomain = this.options.trusted.apiDomain(answer.api_domain);
    if (!apiDomain) {
      throw ApiFailure.proxy('PROXY_UNTRUSTED_ORIGIN', {
        refused: 'api_domain',
        value: answer.api_domain.slice(0, 200),
      });
    }
    const lifetimeMs = answer.expires_in * 1000;
    return {
      token: answer.access_token,
      apiDomain,
      expiresAt: this.now() + lifetimeMs,
      lifetimeMs,
    };
  }
}

/** What the sandbox's tests share: a sandbox on an ephemeral port, tokens, calls, error checks. */
import { expect } from 'vitest';
import { biginErrorSchema, type BiginError } from '../shared/bigin-error.ts';
import { tokenAnswerSchema } from '../shared/zoho-accounts.ts';
import { buildSandbox, type SandboxOptions } from './app.ts';
import { requestToken, SANDBOX_CLIENT, SELF_CLIENT_REFRESH_TOKENS } from './sandbox-client.ts';
import { findDemoUser } from './seed.ts';

export interface RunningSandbox {
  base: string;
  close: () => Promise<void>;
  /** An access token for a demo user, minted with the user's self-client refresh token. */
  token: (user?: string) => Promise<string>;
  /**
   * An access token granted exactly `scopes`, through the consent page as `user` (whose consent
   * may narrow them, as Jordan Lee's does) and the code exchange.
   */
  tokenWithScopes: (scopes: string[], user?: string) => Promise<string>;
  /**
   * A Bigin call under `/bigin/v1` (or the `version` given), as `token`'s owner (Patricia Boyle
   * by default).
   */
  api: (
    path: string,
    init?: RequestInit & { token?: string | null; version?: 'v1' | 'v2' },
  ) => Promise<Response>;
  /** A call to the control routes, with a JSON body. */
  control: (method: string, path: string, body?: unknown) => Promise<Response>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const app = await buildSandbox(options);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const tokens = new Map<string, string>();
  const token = async (user = 'Patricia Boyle') => {
    const cached = tokens.get(user);
    if (cached) return cached;
    const answer = await requestToken(base, SELF_CLIENT_REFRESH_TOKENS[user]!);
    const minted = tokenAnswerSchema.parse(await answer.json()).access_token;
    tokens.set(user, minted);
    return minted;
  };
  const tokenWithScopes = async (scopes: string[], user = 'Patricia Boyle') => {
    const redirectUri = 'http://127.0.0.1:9/auth/callback';
    const consented = await fetch(`${base}/oauth/v2/auth`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({
        response_type: 'code',
        client_id: SANDBOX_CLIENT.id,
        scope: scopes.join(','),
        redirect_uri: redirectUri,
        user_id: findDemoUser(user)!.id,
      }),
    });
    const code = new URL(consented.headers.get('location')!).searchParams.get('code')!;
    const answer = await fetch(`${base}/oauth/v2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: SANDBOX_CLIENT.id,
        client_secret: SANDBOX_CLIENT.secret,
        redirect_uri: redirectUri,
        code,
      }),
    });
    return tokenAnswerSchema.parse(await answer.json()).access_token;
  };
  return {
    base,
    close: () => app.close(),
    token,
    tokenWithScopes,
    api: async (path, init = {}) => {
      const { token: given, version = 'v1', ...rest } = init;
      const bearer = given === undefined ? await token() : given;
      const headers = new Headers(rest.headers);
      if (bearer !== null) headers.set('Authorization', `Zoho-oauthtoken ${bearer}`);
      return fetch(`${base}/bigin/${version}/${path}`, { ...rest, headers });
    },
    control: (method, path, body) =>
      fetch(`${base}/__sandbox/${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
      }),
  };
}

/** Checks a response is Bigin's error envelope with this status and code; returns it. */
export async function expectBiginError(
  response: Response,
  status: number,
  code: string,
  message?: string,
): Promise<BiginError> {
  const envelope = biginErrorSchema.parse(await response.json());
  expect({ status: response.status, code: envelope.code }).toEqual({ status, code });
  if (message) expect(envelope.message).toBe(message);
  return envelope;
}

export { requestToken };

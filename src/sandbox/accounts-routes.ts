import type { FastifyInstance } from 'fastify';
import {
  TOKEN_THROTTLED,
  USER_INFO_PATH,
  type TokenAnswer,
  type TokenError,
  type UserInfoAnswer,
} from '../shared/zoho-accounts.ts';
import { canReadProfile } from './scopes.ts';
import { findDemoUser } from './seed.ts';
import type { TokenStore } from './tokens.ts';

export interface RegisteredClient {
  id: string;
  secret: string;
}

export interface AccountsOptions {
  tokens: TokenStore;
  clients: RegisteredClient[];
  /** The sandbox's own origin: Bigin calls go there, returned as `api_domain`. */
  origin: () => string;
}

type Params = Record<string, string | undefined>;

/** The answer to revoking a token Zoho does not know (its status is documented, not its body). */
export const REVOKE_REFUSED = { status: 'failure' } as const;

/** Zoho Accounts' token endpoints: errors come as `{"error":"..."}` with HTTP 200, as Zoho does. */
export function registerAccountsRoutes(app: FastifyInstance, options: AccountsOptions): void {
  const { tokens } = options;

  app.post('/oauth/v2/token', async (request): Promise<TokenAnswer | TokenError> => {
    // Zoho takes the parameters in the query string or in a form body.
    const params: Params = {
      ...(request.query as Params),
      ...((request.body ?? {}) as Params),
    };
    const client = options.clients.find((c) => c.id === params.client_id);
    if (!client || client.secret !== params.client_secret) return { error: 'invalid_client' };
    const answer = (token: { token: string; expiresInSeconds: number }, scopes: string[]) => ({
      access_token: token.token,
      scope: scopes.join(' '),
      api_domain: options.origin(),
      token_type: 'Bearer' as const,
      expires_in: token.expiresInSeconds,
    });

    if (params.grant_type === 'authorization_code') {
      const grant = tokens.redeemGrantCode(params.code ?? '');
      if (!grant || grant.clientId !== client.id) return { error: 'invalid_code' };
      if (grant.redirectUri !== params.redirect_uri) return { error: 'invalid_redirect_uri' };
      const { userId, clientId, scopes } = grant;
      // A refresh token only for `access_type=offline`, and only on this grant.
      const refreshToken = grant.offline
        ? tokens.issueRefreshToken({ userId, clientId, scopes })
        : undefined;
      const access = tokens.issueAccessToken(grant, refreshToken);
      return {
        ...answer(access, scopes),
        ...(refreshToken ? { refresh_token: refreshToken } : {}),
      };
    }
    if (params.grant_type === 'refresh_token') {
      const refreshToken = params.refresh_token ?? '';
      const grant = tokens.findRefreshToken(refreshToken);
      if (!grant || grant.clientId !== client.id) return { error: 'invalid_code' };
      if (!tokens.admitTokenRequest(refreshToken)) return TOKEN_THROTTLED;
      return answer(tokens.issueAccessToken(grant, refreshToken), grant.scopes);
    }
    return { error: 'unsupported_grant_type' };
  });

  // Who an access token belongs to, with the profile scope. Zoho documents the answer's fields,
  // not its errors: these refusals (401 with `{"response":"error","cause":...}`, as Zoho
  // Accounts' other JSON endpoints answer) are an assumption, and the proxy reads any failure
  // as "not named".
  app.get(USER_INFO_PATH, async (request, reply) => {
    const match = /^Zoho-oauthtoken (\S+)$/.exec(request.headers.authorization ?? '');
    const grant = match ? tokens.findAccessToken(match[1]!) : undefined;
    const user = grant && findDemoUser(grant.userId);
    if (!grant || !user) {
      return reply.code(401).send({ response: 'error', cause: 'invalid_oauthtoken' });
    }
    if (!canReadProfile(grant.scopes)) {
      return reply.code(401).send({ response: 'error', cause: 'invalid_oauthscope' });
    }
    const [first, ...rest] = user.name.split(' ');
    const answer: UserInfoAnswer = {
      First_Name: first,
      Last_Name: rest.join(' '),
      Display_Name: user.name,
      Email: user.email,
      ZUID: user.zuid,
    };
    return answer;
  });

  // Revoking a refresh token ends the access tokens minted from it too. Zoho documents
  // `{"status":"success"}`, and HTTP 400 for an invalid token without its body: the body here is
  // an assumption, and the proxy reads the status alone.
  app.post('/oauth/v2/token/revoke', async (request, reply) => {
    const params: Params = {
      ...(request.query as Params),
      ...((request.body ?? {}) as Params),
    };
    if (tokens.revoke(params.token ?? '')) return { status: 'success' };
    return reply.code(400).send(REVOKE_REFUSED);
  });
}

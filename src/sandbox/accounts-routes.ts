import type { FastifyInstance } from 'fastify';
import type { TokenStore } from './tokens.ts';

export interface AccountsOptions {
  tokens: TokenStore;
  clients: { id: string; secret: string }[];
  /** The address Bigin calls should go to, returned as `api_domain`. */
  apiDomain: () => string;
}

/** Zoho Accounts' token endpoint: errors come as `{"error":"..."}` with HTTP 200, as Zoho does. */
export function registerAccountsRoutes(app: FastifyInstance, options: AccountsOptions): void {
  app.post('/oauth/v2/token', async (request) => {
    // Zoho takes the parameters in the query string or in a form body.
    const params = {
      ...(request.query as Record<string, string>),
      ...((request.body ?? {}) as Record<string, string>),
    };
    const client = options.clients.find((c) => c.id === params.client_id);
    if (!client || client.secret !== params.client_secret) return { error: 'invalid_client' };

    if (params.grant_type === 'refresh_token') {
      const grant = options.tokens.findRefreshToken(params.refresh_token ?? '');
      if (!grant || grant.clientId !== client.id) return { error: 'invalid_code' };
      const access = options.tokens.issueAccessToken(grant);
      return {
        access_token: access.token,
        scope: grant.scopes.join(' '),
        api_domain: options.apiDomain(),
        token_type: 'Bearer',
        expires_in: access.expiresInSeconds,
      };
    }
    return { error: 'unsupported_grant_type' };
  });
}

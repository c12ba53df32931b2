import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { registerAccountsRoutes } from './accounts-routes.ts';
import { BiginFailure, registerBiginRoutes, sendBiginError } from './bigin-routes.ts';
import { SANDBOX_CLIENT, SELF_CLIENT_REFRESH_TOKENS } from './sandbox-client.ts';
import { buildSeed, DEMO_USERS } from './seed.ts';
import { SandboxStore } from './store.ts';
import { ALL_SCOPES, TokenStore } from './tokens.ts';

export interface SandboxOptions {
  /** Access token lifetime in ms; Zoho's is one hour. */
  accessTokenTtlMs?: number;
  logger?: boolean;
}

/**
 * A local stand-in for Zoho Bigin (`/bigin/v1`) and Zoho Accounts (`/oauth/v2`), speaking their
 * wire formats. Built, not started: `main.ts` listens, tests listen on an ephemeral port.
 */
export async function buildSandbox(options: SandboxOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false });
  await app.register(formbody);

  const store = new SandboxStore(buildSeed());
  const tokens = new TokenStore({ accessTokenTtlMs: options.accessTokenTtlMs ?? 3600_000 });
  for (const [userName, token] of Object.entries(SELF_CLIENT_REFRESH_TOKENS)) {
    const user = DEMO_USERS.find((u) => u.name === userName);
    if (user)
      tokens.addRefreshToken(token, {
        userId: user.id,
        clientId: SANDBOX_CLIENT.id,
        scopes: ALL_SCOPES,
      });
  }

  // The sandbox answers API calls on the same origin it was reached at.
  const apiDomain = () => {
    const address = app.server.address();
    return typeof address === 'object' && address
      ? `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`
      : 'http://127.0.0.1';
  };

  registerAccountsRoutes(app, { tokens, clients: [SANDBOX_CLIENT], apiDomain });
  registerBiginRoutes(app, { store, tokens });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof BiginFailure) return sendBiginError(reply, error);
    request.log.error(error);
    return sendBiginError(reply, new BiginFailure('INTERNAL_ERROR'));
  });
  // Any path that matches no endpoint, as Bigin answers it.
  app.setNotFoundHandler((_request, reply) =>
    sendBiginError(reply, new BiginFailure('INVALID_URL_PATTERN')),
  );
  return app;
}

import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { registerAccountsRoutes } from './accounts-routes.ts';
import { BiginFailure, sendBiginError } from './bigin-failure.ts';
import { registerBiginRoutes } from './bigin-routes.ts';
import { BIGIN_PHOTO_LIMITS, type PhotoLimits } from './photo-routes.ts';
import { refuseFraming, registerConsentPage } from './consent-page.ts';
import { registerControlRoutes } from './control-routes.ts';
import { applyFaults, registerBodyFaultHook } from './fault-hooks.ts';
import { FaultRegistry } from './faults.ts';
import { ApiLimits, DEFAULT_LIMITS } from './limits.ts';
import {
  isRegisteredRedirectUri,
  SANDBOX_CLIENT,
  SELF_CLIENT_REFRESH_TOKENS,
  SELF_CLIENT_SCOPES,
} from './sandbox-client.ts';
import { grantedScopes } from './scopes.ts';
import { buildSeed, findDemoUser } from './seed.ts';
import { SandboxStore } from './store.ts';
import { TokenStore } from './tokens.ts';
import { closeUnusedConnections } from './unused-connections.ts';
import { listeningUrl } from '../shared/listening-url.ts';

export interface SandboxOptions {
  /** Access token lifetime in ms; Zoho's is one hour. */
  accessTokenTtlMs?: number;
  logger?: boolean;
  /**
   * Where uploads, deletions and photos are kept across restarts (`DATA_DIR`). Without it the
   * sandbox keeps them in memory and starts from the seed every time.
   */
  dataDir?: string;
  /** The `/__sandbox/...` routes for faults, limits and reset. Never in a production start. */
  controlRoutes?: boolean;
  /** API credits per rolling 24 h (default 50,000). */
  apiCreditsPer24h?: number;
  /** Calls in flight at once (default 5). */
  maxConcurrentCalls?: number;
  /** The upload limit in bytes: Bigin's is 20 MB. */
  maxUploadBytes?: number;
  /**
   * A record photo's limits: 10 MB as documented, and a resolution Bigin does not document
   * (CRM's 10 megapixels by default).
   */
  photoLimits?: Partial<PhotoLimits>;
  /** Records v2 reaches with `page` before it asks for `page_token` (Bigin's 2,000; for tests). */
  discretePagingLimit?: number;
  /** The clock, for tests. */
  now?: () => number;
}

/**
 * A local stand-in for Zoho Bigin (`/bigin/v1`, `/bigin/v2`) and Zoho Accounts (`/oauth/v2`), speaking their
 * wire formats. Built, not started: `main.ts` listens, tests listen on an ephemeral port.
 */
export async function buildSandbox(options: SandboxOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false });
  app.addHook('onClose', async () => tokens.flush());
  closeUnusedConnections(app);
  await app.register(formbody);

  const now = options.now ?? Date.now;
  const store = await SandboxStore.open(buildSeed, { dataDir: options.dataDir, now });
  const tokens = new TokenStore({
    accessTokenTtlMs: options.accessTokenTtlMs ?? 3600_000,
    now,
    file: options.dataDir && path.join(options.dataDir, 'tokens.json'),
  });
  addSelfClientTokens(tokens);
  const limits = new ApiLimits(
    {
      apiCreditsPer24h: options.apiCreditsPer24h ?? DEFAULT_LIMITS.apiCreditsPer24h,
      maxConcurrentCalls: options.maxConcurrentCalls ?? DEFAULT_LIMITS.maxConcurrentCalls,
    },
    now,
  );
  const faults = new FaultRegistry();

  // The sandbox is its own accounts server and API domain, at whatever address it listens on.
  const origin = () => listeningOrigin(app);

  // Set before any route is registered, so that every route inherits them.
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof BiginFailure) return sendBiginError(reply, error);
    request.log.error(error);
    return sendBiginError(reply, new BiginFailure('INTERNAL_ERROR'));
  });
  // Any path that matches no endpoint, as Bigin answers it.
  app.setNotFoundHandler((_request, reply) =>
    sendBiginError(reply, new BiginFailure('INVALID_URL_PATTERN')),
  );
  registerBodyFaultHook(app);
  // Every page it serves (the consent page, the example host) refuses to be framed, as Zoho's.
  app.addHook('onSend', refuseFraming);
  await app.register(async (accounts) => {
    // Zoho Accounts can fail too: faults scoped by path reach these routes.
    accounts.addHook('onRequest', async (request, reply) => {
      await applyFaults(faults, request, reply, {});
    });
    registerAccountsRoutes(accounts, { tokens, clients: [SANDBOX_CLIENT], origin });
    registerConsentPage(accounts, {
      tokens,
      clients: [{ id: SANDBOX_CLIENT.id, isRegisteredRedirectUri }],
      origin,
    });
  });
  await registerBiginRoutes(app, {
    store,
    tokens,
    limits,
    faults,
    maxUploadBytes: options.maxUploadBytes ?? 20 * 1024 * 1024,
    photoLimits: { ...BIGIN_PHOTO_LIMITS, ...options.photoLimits },
    discretePagingLimit: options.discretePagingLimit ?? 2000,
  });
  if (options.controlRoutes) registerControlRoutes(app, { faults, limits, store, tokens });

  return app;
}

/** Each demo user's self-client refresh token, granted the app's scopes as the user consents. */
function addSelfClientTokens(tokens: TokenStore): void {
  for (const [userName, token] of Object.entries(SELF_CLIENT_REFRESH_TOKENS)) {
    const user = findDemoUser(userName);
    if (!user) continue;
    const scopes = grantedScopes(SELF_CLIENT_SCOPES, user);
    tokens.addRefreshToken(token, { userId: user.id, clientId: SANDBOX_CLIENT.id, scopes });
  }
}

/** Where the sandbox answers, for `api_domain` and `accounts-server`. */
function listeningOrigin(app: FastifyInstance): string {
  return listeningUrl(app.server.address()) ?? 'http://127.0.0.1';
}

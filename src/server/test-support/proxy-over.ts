import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../app.ts';
import { AccountsClient } from '../zoho/accounts-client.ts';
import { BiginClient, type BiginApiVersion } from '../zoho/bigin-client.ts';
import { TrustedOrigins } from '../zoho/data-centres.ts';
import { serviceUser } from '../zoho/service-user.ts';
import { TokenManager } from '../zoho/token-manager.ts';
import { Upstream, type UpstreamOptions } from '../zoho/upstream.ts';
import type { ScriptedZoho } from './scripted-zoho.ts';

export interface ProxyOver {
  app: FastifyInstance;
  url: string;
  /** The service-mode tokens (unused when users sign in). */
  tokens: TokenManager;
  close: () => Promise<void>;
}

export interface ProxyOverOptions {
  upstream?: UpstreamOptions;
  app?: Partial<AppOptions>;
  /** Users sign in (against the scripted accounts server) instead of service mode. */
  signIn?: boolean;
  now?: () => number;
  /** Trust these accounts servers beside the scripted one. */
  trustAccounts?: string[];
  /** Bigin's API line (v2 by default, as BIGIN_API_VERSION). */
  apiVersion?: BiginApiVersion;
}

/** The proxy in front of a scripted Zoho, listening on 127.0.0.1 (service mode by default). */
export async function proxyOver(
  zoho: ScriptedZoho,
  options: ProxyOverOptions = {},
): Promise<ProxyOver> {
  const trusted = new TrustedOrigins({
    accounts: [zoho.url, ...(options.trustAccounts ?? [])],
    api: [zoho.url],
  });
  const now = options.now ?? Date.now;
  const accounts = new AccountsClient({
    client: { clientId: 'client-id', clientSecret: 'client-secret' },
    trusted,
    now,
  });
  const tokens = new TokenManager({
    accounts,
    accountsServer: zoho.url,
    refreshToken: 'rt-service',
    now,
  });
  const upstream = new Upstream({ baseDelayMs: 5, ...options.upstream });
  let url = '';
  const app = await buildApp({
    bigin: new BiginClient({ upstream, apiVersion: options.apiVersion }),
    sessionSecret: 'x'.repeat(40),
    publicUrl: () => url,
    ...(options.signIn
      ? {
          signIn: {
            mode: 'zoho' as const,
            accounts,
            clientId: 'client-id',
            accountsUrl: zoho.url,
            trusted,
            tokenOptions: { now },
          },
        }
      : {
          serviceTokens: tokens,
          serviceUser: serviceUser({ accounts, accountsServer: zoho.url, tokens }),
        }),
    rateLimitPerMinute: false,
    sessionStore: { now },
    ...options.app,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('not listening');
  url = `http://127.0.0.1:${address.port}`;
  return { app, url, tokens, close: () => app.close() };
}

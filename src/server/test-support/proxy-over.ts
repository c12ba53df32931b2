import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../app.ts';
import { AccountsClient } from '../zoho/accounts-client.ts';
import { BiginClient } from '../zoho/bigin-client.ts';
import { TrustedOrigins } from '../zoho/data-centres.ts';
import { TokenManager } from '../zoho/token-manager.ts';
import { Upstream, type UpstreamOptions } from '../zoho/upstream.ts';
import type { ScriptedZoho } from './scripted-zoho.ts';

export interface ProxyOver {
  app: FastifyInstance;
  url: string;
  tokens: TokenManager;
  close: () => Promise<void>;
}

/** The proxy in service mode in front of a scripted Zoho, listening on 127.0.0.1. */
export async function proxyOver(
  zoho: ScriptedZoho,
  options: { upstream?: UpstreamOptions; app?: Partial<AppOptions> } = {},
): Promise<ProxyOver> {
  const trusted = new TrustedOrigins({ accounts: [zoho.url], api: [zoho.url] });
  const accounts = new AccountsClient({
    client: { clientId: 'client-id', clientSecret: 'client-secret' },
    trusted,
  });
  const tokens = new TokenManager({
    accounts,
    accountsServer: zoho.url,
    refreshToken: 'rt-service',
  });
  const upstream = new Upstream({ baseDelayMs: 5, ...options.upstream });
  let url = '';
  const app = await buildApp({
    bigin: new BiginClient({ upstream }),
    sessionSecret: 'x'.repeat(40),
    publicUrl: () => url,
    serviceTokens: tokens,
    rateLimitPerMinute: false,
    ...options.app,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('not listening');
  url = `http://127.0.0.1:${address.port}`;
  return { app, url, tokens, close: () => app.close() };
}

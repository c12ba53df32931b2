import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildSandbox } from '../sandbox/app.ts';
import { SANDBOX_CLIENT, SELF_CLIENT_REFRESH_TOKENS } from '../sandbox/sandbox-client.ts';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { BiginClient } from './zoho/bigin-client.ts';
import { TokenManager } from './zoho/token-manager.ts';

export interface Started {
  appUrl: string;
  sandboxUrl: string | undefined;
  close: () => Promise<void>;
}

/**
 * Starts the proxy and, when no Zoho client is configured, the sandbox beside it. The proxy is the
 * same either way: only the base URLs and credentials differ.
 */
export async function start(
  config: Config,
  log: (line: string) => void = console.log,
): Promise<Started> {
  let sandbox: FastifyInstance | undefined;
  let credentials: {
    accountsUrl: string;
    clientId: string;
    clientSecret: string;
    refreshToken: string;
  };
  if (config.sandbox) {
    sandbox = await buildSandbox();
    const sandboxUrl = await sandbox.listen({ host: config.HOST, port: config.SANDBOX_PORT });
    credentials = {
      accountsUrl: sandboxUrl,
      clientId: SANDBOX_CLIENT.id,
      clientSecret: SANDBOX_CLIENT.secret,
      refreshToken: SELF_CLIENT_REFRESH_TOKENS['Patricia Boyle']!,
    };
  } else {
    if (!config.ZOHO_REFRESH_TOKEN) {
      throw new Error(
        "ZOHO_REFRESH_TOKEN is not set: create a self-client in Zoho's API console and set its refresh token.",
      );
    }
    credentials = {
      accountsUrl: config.ZOHO_ACCOUNTS_URL,
      clientId: config.ZOHO_CLIENT_ID!,
      clientSecret: config.ZOHO_CLIENT_SECRET!,
      refreshToken: config.ZOHO_REFRESH_TOKEN,
    };
  }

  const tokens = new TokenManager(credentials, credentials.refreshToken);
  const bigin = new BiginClient({ tokens, apiBase: config.BIGIN_API_BASE });
  const app = await buildApp({ bigin, staticDir: path.resolve('dist') });
  const appUrl = await app.listen({ host: config.HOST, port: config.PORT });
  const sandboxUrl = sandbox ? addressOf(sandbox) : undefined;

  log(`Bigin Attachments at ${appUrl}`);
  if (sandboxUrl) {
    log(`Sandbox (a local stand-in for Zoho Bigin and Zoho Accounts) at ${sandboxUrl}`);
    log(
      'The sandbox is in use because no Zoho client is configured (set ZOHO_CLIENT_ID and ZOHO_CLIENT_SECRET to use Zoho).',
    );
  } else {
    log(`Using Zoho at ${config.ZOHO_ACCOUNTS_URL}`);
  }
  return {
    appUrl,
    sandboxUrl,
    close: async () => {
      await app.close();
      await sandbox?.close();
    },
  };
}

function addressOf(app: FastifyInstance): string {
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('not listening');
  return `http://${address.address}:${address.port}`;
}

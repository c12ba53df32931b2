import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSandbox } from '../../sandbox/app.ts';
import { requestToken, SANDBOX_CLIENT } from '../../sandbox/sandbox-client.ts';
import { findDemoUser } from '../../sandbox/seed.ts';
import { DOC_SAMPLE_RECORD_ID } from '../../shared/doc-samples.ts';
import { listeningUrl } from '../../shared/listening-url.ts';
import { buildApp } from '../app.ts';
import { TestBrowser } from '../test-support/browser.ts';
import { signInAtSandbox } from '../test-support/sandbox-sign-in.ts';
import { AccountsClient } from '../zoho/accounts-client.ts';
import { BiginClient } from '../zoho/bigin-client.ts';
import { TrustedOrigins } from '../zoho/data-centres.ts';
import { Upstream } from '../zoho/upstream.ts';
import type { SessionStoreOptions } from './session-store.ts';

/**
 * The proxy in front of the sandbox, over real sockets: the sandbox keeps at most 20 refresh
 * tokens per user and client, as Zoho does, so a token the proxy leaves behind shows here.
 */
const ATTACHMENTS = `/api/records/Contacts/${DOC_SAMPLE_RECORD_ID}/attachments`;
const PATRICIA = findDemoUser('Patricia Boyle')!.id;

interface Stack {
  proxyUrl: string;
  sandboxUrl: string;
  /** The refresh tokens the sandbox issued at each sign-in, in order. */
  issued: string[];
  /** Patricia Boyle's live refresh tokens for the app's client, as the sandbox counts them. */
  liveTokens: () => Promise<number>;
  /** The sandbox's answer to a refresh with `token`: an access token, or Zoho's error. */
  refreshWith: (token: string) => Promise<Record<string, unknown>>;
}

let clock = Date.now();
const servers: FastifyInstance[] = [];
afterEach(async () => {
  for (const server of servers.splice(0).reverse()) await server.close();
});

async function stack(sessionStore: SessionStoreOptions = {}): Promise<Stack> {
  clock = Date.now();
  const now = () => clock;
  const sandbox = await buildSandbox({ controlRoutes: true, now });
  servers.push(sandbox);
  await sandbox.listen({ host: '127.0.0.1', port: 0 });
  const sandboxUrl = listeningUrl(sandbox.server.address())!;
  const issued: string[] = [];
  // Records the refresh token of each code exchange, as the sandbox answered it.
  const recording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const form = init?.body instanceof URLSearchParams ? init.body : undefined;
    if (form?.get('grant_type') === 'authorization_code') {
      const answer = (await response.clone().json()) as { refresh_token?: string };
      if (answer.refresh_token) issued.push(answer.refresh_token);
    }
    return response;
  };
  const trusted = new TrustedOrigins({ accounts: [sandboxUrl], api: [sandboxUrl] });
  const accounts = new AccountsClient({
    client: { clientId: SANDBOX_CLIENT.id, clientSecret: SANDBOX_CLIENT.secret },
    trusted,
    fetch: recording,
    now,
  });
  let proxyUrl = '';
  const proxy = await buildApp({
    bigin: new BiginClient({ upstream: new Upstream() }),
    sessionSecret: 's'.repeat(40),
    publicUrl: () => proxyUrl,
    signIn: {
      mode: 'sandbox',
      accounts,
      clientId: SANDBOX_CLIENT.id,
      accountsUrl: sandboxUrl,
      trusted,
      tokenOptions: { now },
    },
    rateLimitPerMinute: false,
    sessionStore: { now, ...sessionStore },
  });
  servers.push(proxy);
  await proxy.listen({ host: '127.0.0.1', port: 0 });
  proxyUrl = listeningUrl(proxy.server.address())!;
  return {
    proxyUrl,
    sandboxUrl,
    issued,
    liveTokens: async () => {
      const answer = (await (await fetch(`${sandboxUrl}/__sandbox/refresh-tokens`)).json()) as {
        refreshTokens: { userId: string; clientId: string; count: number }[];
      };
      return (
        answer.refreshTokens.find((t) => t.userId === PATRICIA && t.clientId === SANDBOX_CLIENT.id)
          ?.count ?? 0
      );
    },
    refreshWith: async (token) =>
      (await (await requestToken(sandboxUrl, token)).json()) as Record<string, unknown>,
  };
}

async function signedIn(s: Stack, browser = new TestBrowser(s.proxyUrl)) {
  expect((await signInAtSandbox(browser, 'Patricia Boyle')).status).toBe(303);
  return browser;
}

describe("ended sessions' refresh tokens, at the sandbox", () => {
  it('are no longer accepted after the session was idle too long', async () => {
    const s = await stack({ idleMs: 60_000 });
    const browser = await signedIn(s);
    expect((await browser.fetch(ATTACHMENTS)).status).toBe(200);
    expect(await s.liveTokens()).toBe(1);
    clock += 61_000;
    const after = await browser.fetch(ATTACHMENTS);
    expect(after.status).toBe(401);
    expect((await after.json()).code).toBe('PROXY_SIGNED_OUT');
    await vi.waitFor(async () => expect(await s.liveTokens()).toBe(0));
    expect(await s.refreshWith(s.issued[0]!)).toEqual({ error: 'invalid_code' });
  });

  it('are no longer accepted after the session was evicted from a full store', async () => {
    const s = await stack({ maxSessions: 2 });
    const first = await signedIn(s);
    const second = await signedIn(s);
    const third = await signedIn(s);
    await vi.waitFor(async () => expect(await s.liveTokens()).toBe(2));
    expect(await s.refreshWith(s.issued[0]!)).toEqual({ error: 'invalid_code' });
    expect((await first.fetch(ATTACHMENTS)).status).toBe(401);
    expect((await second.fetch(ATTACHMENTS)).status).toBe(200);
    expect((await third.fetch(ATTACHMENTS)).status).toBe(200);
  });

  it('leave one live token after 21 sign-ins in one browser, each replacing the last', async () => {
    const s = await stack();
    const browser = new TestBrowser(s.proxyUrl);
    for (let i = 0; i < 21; i++) await signedIn(s, browser);
    await vi.waitFor(async () => expect(await s.liveTokens()).toBe(1));
    expect((await browser.fetch(ATTACHMENTS)).status).toBe(200);
    expect(await s.refreshWith(s.issued[19]!)).toEqual({ error: 'invalid_code' });
  });

  it('stay at most 20 after 21 sign-ins in 21 browsers: the newest works, the oldest ends', async () => {
    const s = await stack();
    const browsers: TestBrowser[] = [];
    for (let i = 0; i < 21; i++) browsers.push(await signedIn(s));
    expect(s.issued).toHaveLength(21);
    expect(await s.liveTokens()).toBe(20);
    expect((await browsers[20]!.fetch(ATTACHMENTS)).status).toBe(200);
    expect((await browsers[1]!.fetch(ATTACHMENTS)).status).toBe(200);
    // Zoho deleted the first token, and the access token minted from it: that session is over.
    const oldest = await browsers[0]!.fetch(ATTACHMENTS);
    expect(oldest.status).toBe(401);
    expect((await oldest.json()).code).toBe('PROXY_SIGNED_OUT');
    expect(await s.liveTokens()).toBe(20);
  });
});

import { createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.ts';
import { start, type Started } from '../start.ts';
import { TestBrowser } from '../test-support/browser.ts';

/**
 * An org in Zoho's China data centre signs in at its own accounts server: Bigin's multi-DC page
 * says that for CN the authorization request starts at https://accounts.zoho.com.cn (the other
 * data centres start at accounts.zoho.com and are redirected). Set with ZOHO_ACCOUNTS_URL. No
 * network: every call to Zoho meets a fake fetch.
 */
const CN_ACCOUNTS = 'https://accounts.zoho.com.cn';
const CN_API = 'https://www.zohoapis.com.cn';
const RECORD = '4150868000002728001';

let stack: Started | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The proxy configured for a CN org, its Zoho calls answered by `answer` and recorded. */
async function startCn(answer: (url: URL, init?: RequestInit) => Response) {
  const calls: { method: string; url: URL; body: string }[] = [];
  const fakeFetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    calls.push({ method: init?.method ?? 'GET', url, body: String(init?.body ?? '') });
    return answer(url, init);
  };
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const lines: string[] = [];
  stack = await start(
    loadConfig({
      PORT: String(port),
      PUBLIC_URL: appUrl,
      ZOHO_CLIENT_ID: '1000.CNCLIENT',
      ZOHO_CLIENT_SECRET: 'cn-client-secret',
      SESSION_SECRET: 'c'.repeat(48),
      ZOHO_ACCOUNTS_URL: CN_ACCOUNTS,
    }),
    (line) => lines.push(line),
    { fetch: fakeFetch },
  );
  return { browser: new TestBrowser(appUrl), calls, lines, appUrl };
}

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });

/** Zoho Accounts CN and Bigin CN, as documented; `apiDomain` is what the token answer names. */
const cnZoho =
  (apiDomain = CN_API) =>
  (url: URL): Response => {
    if (url.origin === CN_ACCOUNTS && url.pathname === '/oauth/v2/token') {
      return json({
        access_token: '1000.cn-access',
        refresh_token: '1000.cn-refresh',
        api_domain: apiDomain,
        token_type: 'Bearer',
        expires_in: 3600,
      });
    }
    if (url.origin === CN_ACCOUNTS && url.pathname === '/oauth/v2/token/revoke') {
      return json({ status: 'success' });
    }
    if (url.origin === CN_API && url.pathname.endsWith('/Attachments')) {
      return new Response(null, { status: 204 });
    }
    throw new TypeError(`no network in this test: ${url.origin}`);
  };

/** The app's sign-in redirect, and the callback Zoho CN would send the browser back to. */
async function consentAndCallback(browser: TestBrowser, accountsServer: string) {
  const started = await browser.fetch('/auth/sign-in?returnTo=/');
  expect(started.status).toBe(302);
  const consent = new URL(started.headers.get('location')!);
  const callback = new URL(consent.searchParams.get('redirect_uri')!);
  callback.search = new URLSearchParams({
    code: '1000.cn-grant',
    state: consent.searchParams.get('state')!,
    location: 'cn',
    'accounts-server': accountsServer,
  }).toString();
  return { consent, callback };
}

describe('an org in the CN data centre', () => {
  it('starts its sign-in at https://accounts.zoho.com.cn', async () => {
    const { browser, appUrl, lines, calls } = await startCn(cnZoho());
    const { consent } = await consentAndCallback(browser, CN_ACCOUNTS);
    expect(`${consent.origin}${consent.pathname}`).toBe(`${CN_ACCOUNTS}/oauth/v2/auth`);
    expect(Object.fromEntries(consent.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: '1000.CNCLIENT',
      redirect_uri: `${appUrl}/auth/callback`,
      access_type: 'offline',
      prompt: 'consent',
      scope: expect.stringContaining('ZohoBigin.modules.attachments.ALL'),
    });
    expect(lines).toContain(`Using Zoho at ${CN_ACCOUNTS}`);
    expect(calls).toEqual([]);
  });

  it('trusts a callback naming the CN accounts server, and calls Bigin at the CN api domain', async () => {
    const { browser, calls, appUrl } = await startCn(cnZoho());
    const { callback } = await consentAndCallback(browser, CN_ACCOUNTS);
    const back = await browser.fetch(callback.toString());
    expect(back.status).toBe(303);
    const exchange = calls[0]!;
    expect(`${exchange.method} ${exchange.url}`).toBe(`POST ${CN_ACCOUNTS}/oauth/v2/token`);
    expect(Object.fromEntries(new URLSearchParams(exchange.body))).toMatchObject({
      grant_type: 'authorization_code',
      code: '1000.cn-grant',
      redirect_uri: `${appUrl}/auth/callback`,
      client_id: '1000.CNCLIENT',
    });

    const listed = await browser.fetch(`/api/records/Contacts/${RECORD}/attachments`);
    expect(listed.status).toBe(200);
    const bigin = calls.find((c) => c.url.pathname.endsWith('/Attachments'))!;
    expect(bigin.url.origin).toBe(CN_API);

    // The refresh token goes back to the server that issued it when the session ends.
    expect((await browser.write('/auth/sign-out')).status).toBe(204);
    await vi.waitFor(() => {
      const revoke = calls.find((c) => c.url.pathname === '/oauth/v2/token/revoke')!;
      expect(`${revoke.url.origin}?${revoke.url.searchParams}`).toBe(
        `${CN_ACCOUNTS}?token=1000.cn-refresh`,
      );
    });
  });

  it.each([
    'https://accounts.zoho.com.cn.evil.example',
    'https://accounts.zoho.com.cn@evil.example',
    'http://accounts.zoho.com.cn',
    'https://accounts-zoho.com.cn',
  ])('refuses a callback naming another accounts server: %s', async (server) => {
    const { browser, calls } = await startCn(cnZoho());
    const { callback } = await consentAndCallback(browser, server);
    const refused = await browser.fetch(callback.toString());
    expect(refused.status).toBe(502);
    expect(await refused.json()).toMatchObject({
      code: 'PROXY_UNTRUSTED_ORIGIN',
      details: { refused: 'accounts-server' },
    });
    // The grant code went nowhere.
    expect(calls).toEqual([]);
  });

  it.each(['https://www.zohoapis.com.cn.evil.example', 'http://www.zohoapis.com.cn'])(
    'refuses a token answer naming another api domain: %s',
    async (apiDomain) => {
      const { browser, calls } = await startCn(cnZoho(apiDomain));
      const { callback } = await consentAndCallback(browser, CN_ACCOUNTS);
      const refused = await browser.fetch(callback.toString());
      expect(refused.status).toBe(502);
      expect(await refused.json()).toMatchObject({
        code: 'PROXY_UNTRUSTED_ORIGIN',
        details: { refused: 'api_domain' },
      });
      expect((await (await browser.fetch('/api/session')).json()).signedIn).toBe(false);
      expect(calls.filter((c) => c.url.pathname.startsWith('/bigin/'))).toEqual([]);
    },
  );
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TestBrowser } from '../test-support/browser.ts';
import { proxyOver, type ProxyOver, type ProxyOverOptions } from '../test-support/proxy-over.ts';
import { ScriptedZoho, type RecordedCall } from '../test-support/scripted-zoho.ts';

const GRANT_CODE = 'grant-code-3f9a1c';
const REFRESH_TOKEN = 'rt-user-77d2e0';
const ATTACHMENTS = '/api/records/Contacts/4150868000002728001/attachments';

let zoho: ScriptedZoho;
let proxy: ProxyOver;
let browser: TestBrowser;
let clock: number;
let logLines: string[];

const formOf = (call: RecordedCall) => new URLSearchParams(call.body);
const refreshCalls = () =>
  zoho.tokenCalls.filter((c) => formOf(c).get('grant_type') === 'refresh_token');

async function startProxy(options: ProxyOverOptions = {}) {
  proxy = await proxyOver(zoho, {
    signIn: true,
    now: () => clock,
    ...options,
    app: {
      logger: { stream: { write: (line: string) => void logLines.push(line) }, level: 'info' },
      ...options.app,
    },
  });
  browser = new TestBrowser(proxy.url);
}

/** What Zoho does between the consent page and the callback, as a redirect URL. */
async function startSignIn(
  b: TestBrowser,
  returnTo = '/Contacts/4150868000002728001',
  code = GRANT_CODE,
) {
  const started = await b.fetch(`/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  expect(started.status).toBe(302);
  const consent = new URL(started.headers.get('location')!);
  const callback = new URL(consent.searchParams.get('redirect_uri')!);
  callback.search = new URLSearchParams({
    code,
    state: consent.searchParams.get('state')!,
    location: 'us',
    'accounts-server': zoho.url,
  }).toString();
  return { consent, callback };
}

async function signIn(b: TestBrowser = browser, returnTo?: string) {
  const { callback } = await startSignIn(b, returnTo);
  return b.fetch(callback.toString());
}

beforeEach(async () => {
  clock = Date.now();
  logLines = [];
  zoho = await new ScriptedZoho().start();
  zoho.tokenAnswer = (call) =>
    formOf(call).get('grant_type') === 'authorization_code'
      ? zoho.issueToken({ refresh_token: REFRESH_TOKEN })
      : zoho.issueToken();
  zoho.bigin = () => ({ status: 204 });
});
afterEach(async () => {
  await proxy.close();
  await zoho.close();
});

describe('sign-in with Zoho, over real sockets', () => {
  it('goes to the consent page, comes back to the deep link, and then calls Bigin as the user', async () => {
    await startProxy();
    expect(await (await browser.fetch('/api/session')).json()).toEqual({
      signedIn: false,
      mode: 'zoho',
    });
    expect((await browser.fetch(ATTACHMENTS)).status).toBe(401);

    const { consent, callback } = await startSignIn(browser);
    expect(consent.origin + consent.pathname).toBe(`${zoho.url}/oauth/v2/auth`);
    expect(Object.fromEntries(consent.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'client-id',
      redirect_uri: `${proxy.url}/auth/callback`,
      access_type: 'offline',
      scope: expect.stringContaining('ZohoBigin.modules.attachments.ALL'),
    });
    const preSession = browser.cookies.get('bigin_session');

    const back = await browser.fetch(callback.toString());
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/Contacts/4150868000002728001');
    // A new session id after sign-in: a cookie planted before it is worth nothing.
    expect(browser.cookies.get('bigin_session')).not.toBe(preSession);
    const exchange = formOf(zoho.tokenCalls[0]!);
    expect(Object.fromEntries(exchange)).toEqual({
      grant_type: 'authorization_code',
      code: GRANT_CODE,
      redirect_uri: `${proxy.url}/auth/callback`,
      client_id: 'client-id',
      client_secret: 'client-secret',
    });

    const session = await (await browser.fetch('/api/session')).json();
    expect(session).toMatchObject({ signedIn: true, mode: 'zoho' });
    expect(session.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect((await browser.fetch(ATTACHMENTS)).status).toBe(200);
    expect(zoho.biginCallList[0]!.headers.authorization).toBe('Zoho-oauthtoken at-1');
    // The access token from the sign-in is used: no refresh was needed.
    expect(refreshCalls()).toHaveLength(0);
  });

  it('sets the cookies HttpOnly and SameSite=Lax; over https Secure, __Host- and SameSite=None, Partitioned in a frame', async () => {
    await startProxy();
    // A started sign-in lives in a short-lived cookie of its own: no session before the callback.
    const { callback } = await startSignIn(browser, '/');
    expect([...browser.cookies.keys()]).toEqual(['bigin_sign_in']);
    const response = await browser.fetch('/auth/sign-in?returnTo=/');
    const cookie = response.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^bigin_sign_in=/);
    expect(cookie).toContain('Max-Age=600');
    for (const c of [cookie, (await browser.fetch(callback.toString())).headers.getSetCookie()]) {
      expect(String(c)).toContain('HttpOnly');
      expect(String(c)).toContain('SameSite=Lax');
      expect(String(c)).not.toContain('Secure');
    }
    expect(browser.cookies.has('bigin_session')).toBe(true);
    await proxy.close();

    await startProxy({ app: { publicUrl: () => 'https://attachments.example.com' } });
    const secure = await proxy.app.inject({
      url: '/auth/sign-in?returnTo=/',
      headers: { Host: 'attachments.example.com' },
    });
    const secureCookie = String(secure.headers['set-cookie']);
    expect(secureCookie).toMatch(/^__Host-bigin_sign_in=/);
    expect(secureCookie).toContain('Secure');
    expect(secureCookie).toContain('Path=/');
    expect(secureCookie).toContain('SameSite=None');
    expect(secureCookie).not.toContain('Partitioned');
    expect(secureCookie).not.toContain('Domain');
    // A session that starts inside a frame (an embedded widget) is partitioned by its host.
    const framed = await proxy.app.inject({
      url: '/auth/sign-in?returnTo=/',
      headers: { Host: 'attachments.example.com', 'Sec-Fetch-Dest': 'iframe' },
    });
    expect(String(framed.headers['set-cookie'])).toMatch(
      /SameSite=None.*Partitioned|Partitioned.*SameSite=None/,
    );
  });

  it('never writes a code, token, secret or session id to the log', async () => {
    await startProxy();
    await signIn();
    const session = await (await browser.fetch('/api/session')).json();
    await browser.fetch(ATTACHMENTS);
    clock += 3600_000;
    await browser.fetch(ATTACHMENTS);
    await browser.write('/auth/sign-out', 'POST', session.csrfToken);
    const log = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(5);
    expect(log).toContain('/auth/callback');
    for (const secret of [
      GRANT_CODE,
      REFRESH_TOKEN,
      'at-1',
      'at-2',
      'client-secret',
      session.csrfToken,
      ...browser.cookies.values(),
    ]) {
      expect(log).not.toContain(secret);
    }
    expect(log).not.toMatch(/state=(?!%5Bredacted%5D)/);
  });
});

describe('attacks on the sign-in', () => {
  it('refuses a callback whose state is unknown, replayed, or from another browser', async () => {
    await startProxy();
    const { callback } = await startSignIn(browser);

    const forged = new URL(callback);
    forged.searchParams.set('state', 'made-up');
    const refused = await browser.fetch(forged.toString());
    expect(refused.status).toBe(400);
    expect((await refused.json()).code).toBe('PROXY_SIGN_IN_STATE');

    // The victim's browser opening a callback the attacker started: its session never started it.
    const victim = new TestBrowser(proxy.url);
    await victim.fetch('/auth/sign-in?returnTo=/');
    expect((await victim.fetch(callback.toString())).status).toBe(400);
    expect((await new TestBrowser(proxy.url).fetch(callback.toString())).status).toBe(400);
    expect(zoho.tokenCalls).toHaveLength(0);

    expect((await browser.fetch(callback.toString())).status).toBe(303);
    // Used once: the same callback again is refused.
    expect((await browser.fetch(callback.toString())).status).toBe(400);
    expect(zoho.tokenCalls).toHaveLength(1);
  });

  it('refuses a state older than ten minutes', async () => {
    await startProxy();
    const { callback } = await startSignIn(browser);
    clock += 11 * 60_000;
    expect((await browser.fetch(callback.toString())).status).toBe(400);
  });

  it('answers a failed sign-in in a browser with a page that offers to start again', async () => {
    await startProxy();
    const response = await browser.fetch('/auth/callback?code=x&state=y', {
      headers: { Accept: 'text/html' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('PROXY_SIGN_IN_STATE');
    expect(html).toContain('href="/auth/sign-in?returnTo=%2F"');
    expect(html).not.toContain('<script');
  });

  it.each([
    'https://accounts.zoho.com.evil.example',
    'https://accounts.zoho.com@evil.example',
    'http://accounts.zoho.com',
    'https://accounts.zoho.com/oauth/',
    'https://evil.example',
    'http://127.0.0.1:1',
  ])('refuses and logs a foreign accounts-server: %s', async (server) => {
    await startProxy();
    const { callback } = await startSignIn(browser);
    callback.searchParams.set('accounts-server', server);
    const response = await browser.fetch(callback.toString());
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({
      code: 'PROXY_UNTRUSTED_ORIGIN',
      details: { refused: 'accounts-server' },
    });
    expect(zoho.tokenCalls).toHaveLength(0);
    expect(logLines.join('\n')).toContain('PROXY_UNTRUSTED_ORIGIN');
  });

  it('accepts the accounts server of another Zoho data centre', async () => {
    await startProxy({ trustAccounts: [] });
    const { callback } = await startSignIn(browser);
    callback.searchParams.set('accounts-server', 'https://accounts.zoho.eu');
    // The code goes to Zoho's EU server, which this test cannot reach: a network failure.
    const response = await browser.fetch(callback.toString());
    expect((await response.json()).code).toBe('PROXY_SIGN_IN_FAILED');
  });

  it.each([
    'https://www.zohoapis.com.evil.example',
    'https://evil.example',
    'http://www.zohoapis.com',
  ])('refuses a token answer whose api_domain is foreign: %s', async (apiDomain) => {
    await startProxy();
    zoho.apiDomainOverride = apiDomain;
    const response = await signIn();
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({
      code: 'PROXY_UNTRUSTED_ORIGIN',
      details: { refused: 'api_domain' },
    });
    expect((await (await browser.fetch('/api/session')).json()).signedIn).toBe(false);
    expect(logLines.join('\n')).toContain(apiDomain);
  });

  it.each([
    ['another origin', 'https://evil.example/x'],
    ['a protocol-relative URL', '//evil.example/x'],
    ['a backslash', '/\\evil.example'],
    ['a scheme', 'javascript:alert(1)'],
    ['a dot segment before two slashes', '/.//evil.example/x'],
    ['a climb back to two slashes', '/a/..//evil.example'],
    ['encoded dots before two slashes', '/%2e%2e//evil.example'],
    ['encoded slashes', '/%2F%2Fevil.example'],
    ['an encoded backslash', '/%5Cevil.example'],
  ])('never redirects to %s after sign-in', async (_label, returnTo) => {
    await startProxy();
    const response = await signIn(browser, returnTo);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
  });

  it('refuses a sign-out without same-origin proof or the CSRF token, and revokes on a real one', async () => {
    await startProxy();
    await signIn();
    const { csrfToken } = await (await browser.fetch('/api/session')).json();
    const attempt = (headers: Record<string, string>) =>
      browser.fetch('/auth/sign-out', { method: 'POST', headers });
    const refusals: Record<string, string>[] = [
      {},
      { 'X-CSRF-Token': csrfToken },
      { Origin: 'https://evil.example', 'X-CSRF-Token': csrfToken },
      { Origin: proxy.url, 'Sec-Fetch-Site': 'cross-site', 'X-CSRF-Token': csrfToken },
      { Origin: proxy.url, 'Sec-Fetch-Site': 'same-origin' },
      { Origin: proxy.url, 'Sec-Fetch-Site': 'same-origin', 'X-CSRF-Token': `${csrfToken}x` },
    ];
    for (const headers of refusals) {
      const response = await attempt(headers);
      expect(response.status).toBe(403);
      expect((await response.json()).code).toBe('PROXY_CSRF');
    }
    expect((await (await browser.fetch('/api/session')).json()).signedIn).toBe(true);

    const out = await attempt({ Origin: proxy.url, 'X-CSRF-Token': csrfToken });
    expect(out.status).toBe(204);
    // Revoked in the background: the sign-out does not wait for Zoho.
    await vi.waitFor(() => expect(zoho.revokedTokens).toEqual([REFRESH_TOKEN]));
    expect((await (await browser.fetch('/api/session')).json()).signedIn).toBe(false);
    const after = await browser.fetch(ATTACHMENTS);
    expect(after.status).toBe(401);
    expect((await after.json()).code).toBe('PROXY_SIGNED_OUT');
  });
});

describe("a signed-in user's tokens", () => {
  it('are refreshed once for 100 concurrent requests after the access token expired', async () => {
    await startProxy({ upstream: { maxInFlight: 5 } });
    await signIn();
    clock += 3600_000 - 4 * 60_000; // inside the last five minutes: refresh early
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => browser.fetch(ATTACHMENTS)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));
    expect(refreshCalls()).toHaveLength(1);
    expect(formOf(refreshCalls()[0]!).get('refresh_token')).toBe(REFRESH_TOKEN);
    expect(new Set(zoho.biginCallList.map((c) => c.headers.authorization))).toEqual(
      new Set(['Zoho-oauthtoken at-2']),
    );
  });

  it('are refreshed once, and each request retried once, when Bigin calls the token invalid', async () => {
    await startProxy();
    await signIn();
    zoho.bigin = (call) =>
      call.headers.authorization === 'Zoho-oauthtoken at-1'
        ? {
            status: 401,
            body: {
              code: 'INVALID_TOKEN',
              details: {},
              message: 'invalid oauth token',
              status: 'error',
            },
          }
        : { status: 204 };
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => browser.fetch(ATTACHMENTS)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));
    expect(refreshCalls()).toHaveLength(1);
  });

  it('end the session with PROXY_SIGNED_OUT once Zoho no longer knows the refresh token', async () => {
    await startProxy();
    await signIn();
    zoho.tokenAnswer = () => ({ error: 'invalid_code' });
    clock += 3600_000;
    const response = await browser.fetch(ATTACHMENTS);
    expect(response.status).toBe(401);
    expect((await response.json()).code).toBe('PROXY_SIGNED_OUT');
    expect(browser.cookies.has('bigin_session')).toBe(false);
    expect((await (await browser.fetch('/api/session')).json()).signedIn).toBe(false);
  });

  it('are refreshed at most 10 times in 10 minutes; the 11th is refused without asking Zoho', async () => {
    await startProxy();
    await signIn();
    // Every token is refused, so every request asks for a new one.
    zoho.bigin = () => ({
      status: 401,
      body: { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' },
    });
    for (let i = 0; i < 10; i += 1) {
      clock += 30_000;
      expect((await browser.fetch(ATTACHMENTS)).status).toBe(401);
    }
    expect(refreshCalls()).toHaveLength(10);
    const throttled = await browser.fetch(ATTACHMENTS);
    expect(throttled.status).toBe(503);
    expect((await throttled.json()).code).toBe('PROXY_TOKEN_THROTTLED');
    // The first of the ten leaves the window 10 minutes after it was made: 5.5 minutes from now.
    expect(Number(throttled.headers.get('retry-after'))).toBe(330);
    expect(refreshCalls()).toHaveLength(10);
    clock += 330_000;
    await browser.fetch(ATTACHMENTS);
    expect(refreshCalls()).toHaveLength(11);
  });

  it('stop asking Zoho once it answers "Access Denied" (HTTP 200), and say so with a wait time', async () => {
    await startProxy();
    await signIn();
    zoho.tokenAnswer = () => ({
      error: 'Access Denied',
      error_description: 'You have made too many requests continuously.',
    });
    clock += 3600_000;
    const first = await browser.fetch(ATTACHMENTS);
    expect(first.status).toBe(503);
    expect((await first.json()).code).toBe('PROXY_TOKEN_THROTTLED');
    expect(Number(first.headers.get('retry-after'))).toBeGreaterThan(0);
    clock += 60_000;
    const second = await browser.fetch(ATTACHMENTS);
    expect(second.status).toBe(503);
    expect(refreshCalls()).toHaveLength(1);
  });
});

describe('pages of the app', () => {
  it('send a signed-out visitor to the sign-in, and back to the same deep link after it', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'dist-'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title>');
    await startProxy({ app: { staticDir: dist } });
    const deepLink = '/Contacts/4150868000002728001?view=grid';
    const page = await browser.fetch(deepLink);
    expect(page.status).toBe(302);
    const signInUrl = page.headers.get('location')!;
    expect(signInUrl).toBe(`/auth/sign-in?returnTo=${encodeURIComponent(deepLink)}`);
    const { callback } = await startSignIn(browser, deepLink);
    const back = await browser.fetch(callback.toString());
    expect(back.headers.get('location')).toBe(deepLink);
    const app = await browser.fetch(deepLink);
    expect(app.status).toBe(200);
    expect(await app.text()).toContain('<title>app</title>');
    // The record's first page of attachments and its name, for the browser to fetch with the page.
    expect(app.headers.get('link')).toBe(
      '</api/records/Contacts/4150868000002728001/attachments?page=1&per_page=200>; rel=preload; as=fetch; crossorigin, ' +
        '</api/records/Contacts/4150868000002728001>; rel=preload; as=fetch; crossorigin',
    );
    expect((await browser.fetch('/')).headers.get('link')).toBeNull();
    expect((await browser.fetch('/Contacts/not-a-record')).headers.get('link')).toBeNull();
  });
});

describe('the rate limit', () => {
  it('counts per session, and answers with PROXY_RATE_LIMITED and a wait time', async () => {
    await startProxy({ app: { rateLimitPerMinute: 5 } });
    await signIn();
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await browser.fetch(ATTACHMENTS)).status);
    expect(statuses.slice(0, 5)).not.toContain(429);
    const limited = await browser.fetch(ATTACHMENTS);
    expect(limited.status).toBe(429);
    expect((await limited.json()).code).toBe('PROXY_RATE_LIMITED');
    expect(limited.headers.get('retry-after')).toBeTruthy();
    // Another browser has its own allowance.
    const other = new TestBrowser(proxy.url);
    expect((await other.fetch('/api/session')).status).toBe(200);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { embedPaths } from '../../shared/embed-contract.ts';
import { EmbeddedStore } from '../state/embedded-store.ts';
import { TestBrowser } from '../test-support/browser.ts';
import { proxyOver, type ProxyOver } from '../test-support/proxy-over.ts';
import { ScriptedZoho } from '../test-support/scripted-zoho.ts';
import { nonceHashOf } from './frame-tokens.ts';

const REFRESH_TOKEN = 'rt-user-frame';
const RECORD = '4150868000002728001';
const ATTACHMENTS = `/api/records/Contacts/${RECORD}/attachments`;
const STRANGER = 'http://localhost:4599';

let zoho: ScriptedZoho;
let proxy: ProxyOver;
let clock: number;
const opened: ProxyOver[] = [];

beforeEach(async () => {
  clock = Date.now();
  zoho = await new ScriptedZoho().start();
  zoho.tokenAnswer = (call) =>
    new URLSearchParams(call.body).get('grant_type') === 'authorization_code'
      ? zoho.issueToken({ refresh_token: REFRESH_TOKEN })
      : zoho.issueToken();
  zoho.bigin = () => ({ status: 204 });
  proxy = await proxyOver(zoho, { signIn: true, now: () => clock });
  opened.push(proxy);
});
afterEach(async () => {
  for (const p of opened.splice(0)) await p.close();
  await zoho.close();
});

/** The sign-in window: the frame sign-in, Zoho's consent (scripted), the callback, and back. */
async function signInWindow(window: TestBrowser, nonce: string) {
  const first = await window.fetch(embedPaths.frameSignIn(nonceHashOf(nonce)));
  if (first.status === 200) return first;
  expect(first.status).toBe(302);
  const signIn = await window.fetch(first.headers.get('location')!);
  const consent = new URL(signIn.headers.get('location')!);
  const callback = new URL(consent.searchParams.get('redirect_uri')!);
  callback.search = new URLSearchParams({
    code: 'grant-code',
    state: consent.searchParams.get('state')!,
    'accounts-server': zoho.url,
  }).toString();
  const back = await window.fetch(callback.toString());
  expect(back.status).toBe(303);
  return window.fetch(back.headers.get('location')!);
}

/** What the sign-in window's page hands over: the code, and the origin it posts it to. */
async function handedOver(page: Response) {
  expect(page.status).toBe(200);
  const html = await page.text();
  const main = /<main id="hand-over" data-code="([^"]+)" data-origin="([^"]+)">/.exec(html);
  expect(main, html).toBeTruthy();
  return { code: main![1]!, origin: main![2]!, html };
}

const exchange = (
  code: string,
  nonce: string,
  origin: string = proxy.url,
  headers: Record<string, string> = {},
  at = proxy.url,
) =>
  fetch(`${at}${embedPaths.frameToken()}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin, ...headers },
    body: JSON.stringify({ code, nonce }),
  });

const refusal = async (response: Response) => {
  const body = (await response.json()) as { code: string; details: { reason?: string } };
  return `${response.status} ${body.code}${body.details.reason ? ` ${body.details.reason}` : ''}`;
};

const asFrame = (token: string, path: string, init: RequestInit = {}, at = proxy.url) =>
  fetch(`${at}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...init.headers },
  });

/** A frame signed in: a nonce, the window's code, the exchange. */
async function frameToken(window = new TestBrowser(proxy.url)) {
  const nonce = `nonce-${Math.random().toString(36).slice(2)}-0123456789abcdefghij`;
  const { code } = await handedOver(await signInWindow(window, nonce));
  const answer = await exchange(code, nonce);
  expect(answer.status).toBe(200);
  return { window, token: ((await answer.json()) as { token: string }).token };
}

describe('the frame sign-in, over real sockets', () => {
  it('signs in in its own window, and hands the code to the app’s exact origin', async () => {
    const window = new TestBrowser(proxy.url);
    const nonce = 'n'.repeat(43);
    const first = await window.fetch(embedPaths.frameSignIn(nonceHashOf(nonce)));
    // Nobody is signed in in this window: Zoho first, then back to the same page.
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe(
      `/auth/sign-in?returnTo=${encodeURIComponent(`${embedPaths.frameSignIn(nonceHashOf(nonce))}&back=1`)}`,
    );
    const page = await signInWindow(window, nonce);
    const { origin, html } = await handedOver(page);
    expect(origin).toBe(proxy.url);
    expect(html).toContain('<script src="/auth/frame-sign-in.js" defer></script>');
    expect(html).toContain('You are signed in as Ada Lovelace');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

    const script = await (await window.fetch('/auth/frame-sign-in.js')).text();
    expect(script).toContain('opener.postMessage(');
    expect(script).toContain('main.dataset.origin');
    expect(script).not.toContain("'*'");

    // Signed in already in this window: the next frame's sign-in asks Zoho nothing.
    const tokenCalls = zoho.tokenCalls.length;
    const again = await window.fetch(embedPaths.frameSignIn(nonceHashOf(nonce)));
    expect(again.status).toBe(200);
    expect(zoho.tokenCalls.length).toBe(tokenCalls);
  });

  it('trades the code for a frame token that acts as the user who signed in', async () => {
    const { token } = await frameToken();
    expect(token).toMatch(/^bf1\./);
    const session = await asFrame(token, '/api/session');
    expect(await session.json()).toMatchObject({
      signedIn: true,
      user: { name: 'Ada Lovelace', email: 'ada@zylker.example' },
    });
    const list = await asFrame(token, `${ATTACHMENTS}?page=1&per_page=200`);
    expect(list.status).toBe(200);
    // The user's own access token, from their own sign-in: not a service user's.
    expect(zoho.biginCallList.at(-1)!.headers.authorization).toBe('Zoho-oauthtoken at-1');
    // What the browser fetches itself carries it in its address.
    const download = await fetch(`${proxy.url}${ATTACHMENTS}/1?embed_token=${token}`);
    expect(zoho.biginCallList.at(-1)!.url).toContain('/Attachments/1');
    expect(download.status).not.toBe(401);
  });

  it('refuses a code replayed, from another origin, without its nonce, or older than its minute', async () => {
    const window = new TestBrowser(proxy.url);
    const nonce = 'the-frame-nonce-0123456789abcdefghijklmnop';
    const code = async () => (await handedOver(await signInWindow(window, nonce))).code;

    const once = await code();
    expect((await exchange(once, nonce)).status).toBe(200);
    expect(await refusal(await exchange(once, nonce))).toBe(
      '400 PROXY_EMBED_CODE_REFUSED unknown-or-used',
    );

    const stolen = await code();
    expect(await refusal(await exchange(stolen, nonce, STRANGER))).toBe(
      '400 PROXY_EMBED_CODE_REFUSED wrong-origin',
    );
    // Tried once, gone: even its own frame cannot use it now.
    expect(await refusal(await exchange(stolen, nonce))).toBe(
      '400 PROXY_EMBED_CODE_REFUSED unknown-or-used',
    );
    // The app's origin named by a request the browser says came from another site.
    const forged = await code();
    expect(
      await refusal(await exchange(forged, nonce, proxy.url, { 'Sec-Fetch-Site': 'cross-site' })),
    ).toBe('400 PROXY_EMBED_CODE_REFUSED wrong-origin');

    expect(await refusal(await exchange(await code(), 'another-nonce-0123456789abcdefghijk'))).toBe(
      '400 PROXY_EMBED_CODE_REFUSED wrong-nonce',
    );

    const late = await code();
    clock += 61_000;
    expect(await refusal(await exchange(late, nonce))).toBe(
      '400 PROXY_EMBED_CODE_REFUSED unknown-or-used',
    );
    const inTime = await code();
    clock += 59_000;
    expect((await exchange(inTime, nonce)).status).toBe(200);
  });

  it('keeps the frame token while in use, and ends it after an hour unused', async () => {
    const { token } = await frameToken();
    for (let i = 0; i < 3; i += 1) {
      clock += 50 * 60_000;
      expect((await asFrame(token, '/api/session')).status).toBe(200);
    }
    clock += 61 * 60_000;
    const ended = await asFrame(token, '/api/session');
    expect(await refusal(ended)).toBe('401 PROXY_EMBED_SESSION_ENDED');
    expect(await refusal(await asFrame('bf1.made-up', ATTACHMENTS))).toBe(
      '401 PROXY_EMBED_SESSION_ENDED',
    );
  });

  it('ends the frame token with its session: signed out in another tab', async () => {
    const { window, token } = await frameToken();
    expect((await window.write('/auth/sign-out')).status).toBe(204);
    const answer = await asFrame(token, `${ATTACHMENTS}?page=1&per_page=200`);
    expect(await refusal(answer)).toBe('401 PROXY_EMBED_SESSION_ENDED');
  });

  it('signs out from the frame: the sign-in ends, its refresh token is revoked at Zoho', async () => {
    const { window, token } = await frameToken();
    const out = await asFrame(token, embedPaths.signOut(), {
      method: 'POST',
      headers: { Origin: proxy.url, 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(out.status).toBe(204);
    await expect.poll(() => zoho.revokedTokens).toEqual([REFRESH_TOKEN]);
    expect(await refusal(await asFrame(token, '/api/session'))).toBe(
      '401 PROXY_EMBED_SESSION_ENDED',
    );
    // The window's cookie named the same session: it is over there too.
    expect(await (await window.fetch('/api/session')).json()).toMatchObject({ signedIn: false });
  });

  it('holds writes with a frame token to the same rules as a signed link: same origin, no CSRF token', async () => {
    const { token } = await frameToken();
    const remove = (headers: Record<string, string>) =>
      asFrame(token, `${ATTACHMENTS}/4150868000002791001`, { method: 'DELETE', headers });
    zoho.bigin = () => ({
      status: 200,
      body: { data: [{ code: 'SUCCESS', status: 'success', message: 'deleted', details: {} }] },
    });
    const before = zoho.biginCallList.length;
    expect(await refusal(await remove({ Origin: STRANGER }))).toBe(
      '403 PROXY_CSRF not same-origin',
    );
    expect(await refusal(await remove({ 'Sec-Fetch-Site': 'cross-site' }))).toBe(
      '403 PROXY_CSRF not same-origin',
    );
    expect(zoho.biginCallList.length).toBe(before);
    const done = await remove({ Origin: proxy.url, 'Sec-Fetch-Site': 'same-origin' });
    expect(done.status).toBe(200);
    expect(zoho.biginCallList.at(-1)!.method).toBe('DELETE');
  });

  it('works across instances: a code made on one is taken on another, and its token read there', async () => {
    const state = new EmbeddedStore({ now: () => clock });
    // Both answer for the same address (behind one balancer): the first's, here.
    let publicUrl = '';
    const instance = () =>
      proxyOver(zoho, {
        signIn: true,
        now: () => clock,
        app: { state, publicUrl: () => publicUrl },
      });
    const one = await instance();
    const two = await instance();
    opened.push(one, two);
    publicUrl = one.url;
    const window = new TestBrowser(one.url);
    const nonce = 'across-instances-0123456789abcdefghijklmno';
    const { code, origin } = await handedOver(await signInWindow(window, nonce));
    expect(origin).toBe(one.url);
    const answer = await exchange(code, nonce, one.url, {}, two.url);
    expect(answer.status).toBe(200);
    const { token } = (await answer.json()) as { token: string };
    expect((await asFrame(token, '/api/session', {}, one.url)).status).toBe(200);
    await state.close();
  });

  it('is not there in service mode: nobody signs in', async () => {
    const service = await proxyOver(zoho);
    opened.push(service);
    const page = await fetch(
      `${service.url}${embedPaths.frameSignIn(nonceHashOf('x'.repeat(40)))}`,
    );
    expect(page.status).toBe(404);
  });
});

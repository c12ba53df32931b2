import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROFILE_SCOPE } from '../../shared/zoho-accounts.ts';
import { TestBrowser } from '../test-support/browser.ts';
import { proxyOver, type ProxyOver } from '../test-support/proxy-over.ts';
import { ScriptedZoho, type RecordedCall } from '../test-support/scripted-zoho.ts';

let zoho: ScriptedZoho;
let proxy: ProxyOver;
let browser: TestBrowser;

const formOf = (call: RecordedCall) => new URLSearchParams(call.body);

beforeEach(async () => {
  zoho = await new ScriptedZoho().start();
  zoho.tokenAnswer = (call) =>
    formOf(call).get('grant_type') === 'authorization_code'
      ? zoho.issueToken({ refresh_token: 'rt-user' })
      : zoho.issueToken();
});
afterEach(async () => {
  await proxy.close();
  await zoho.close();
});

/** Signs `browser` in as Zoho would send it back: the consent page is taken as read. */
async function signIn() {
  proxy = await proxyOver(zoho, { signIn: true });
  browser = new TestBrowser(proxy.url);
  const started = await browser.fetch('/auth/sign-in?returnTo=/');
  const consent = new URL(started.headers.get('location')!);
  const callback = new URL(consent.searchParams.get('redirect_uri')!);
  callback.search = new URLSearchParams({
    code: 'grant-code',
    state: consent.searchParams.get('state')!,
    location: 'us',
    'accounts-server': zoho.url,
  }).toString();
  const back = await browser.fetch(callback.toString());
  expect(back.status).toBe(303);
  return consent;
}

const session = async () => (await browser.fetch('/api/session')).json();

describe('who is signed in, over real sockets', () => {
  it('asks for the profile scope, reads the user once at sign-in and keeps it in the session', async () => {
    const consent = await signIn();
    expect(consent.searchParams.get('scope')!.split(',')).toContain(PROFILE_SCOPE);
    // Asked at the accounts server that issued the token, with the token the sign-in brought.
    expect(zoho.userInfoCalls).toHaveLength(1);
    expect(zoho.userInfoCalls[0]!.headers.authorization).toBe('Zoho-oauthtoken at-1');

    expect(await session()).toMatchObject({
      signedIn: true,
      user: { name: 'Ada Lovelace', email: 'ada@zylker.example' },
    });
    await session();
    expect(zoho.userInfoCalls).toHaveLength(1);
  });

  it('reads the answer generously: no display name, no email', async () => {
    zoho.userInfoAnswer = () => ({
      status: 200,
      body: { First_Name: 'Grace', Last_Name: 'Hopper', ZUID: '7', Extra: { kept: true } },
    });
    await signIn();
    expect((await session()).user).toEqual({ name: 'Grace Hopper' });
  });

  it.each([
    ['a refusal (no profile scope)', { status: 401, body: { cause: 'invalid_oauthscope' } }],
    ['a failure', { status: 500, body: 'oops' }],
    ['an answer that names nobody', { status: 200, body: { ZUID: 7, Email: 42 } }],
  ])('still signs in after %s, naming nobody', async (_label, answer) => {
    zoho.userInfoAnswer = () => answer;
    await signIn();
    const now = await session();
    expect(now).toMatchObject({ signedIn: true });
    expect(now).not.toHaveProperty('user');
  });

  it('forgets the user with the session: signed out, nobody is named', async () => {
    await signIn();
    expect((await browser.write('/auth/sign-out')).status).toBe(204);
    expect(await session()).toEqual({ signedIn: false, mode: 'zoho' });
    // The page a sign-out lands on, which offers a new sign-in.
    const page = await browser.fetch('/auth/signed-out');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<h1>You are signed out</h1>');
    expect(html).toContain('href="/auth/sign-in?returnTo=%2F"');
  });

  it('names the service user in service mode, asking Zoho once', async () => {
    proxy = await proxyOver(zoho);
    browser = new TestBrowser(proxy.url);
    for (let i = 0; i < 3; i++) {
      expect(await session()).toMatchObject({
        mode: 'service',
        user: { name: 'Ada Lovelace', email: 'ada@zylker.example' },
      });
    }
    expect(zoho.userInfoCalls).toHaveLength(1);
  });
});

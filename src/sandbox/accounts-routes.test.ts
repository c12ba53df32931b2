import { afterEach, describe, expect, it } from 'vitest';
import { DOC_SAMPLE_RECORD_ID } from '../shared/doc-samples.ts';
import {
  authRedirectSchema,
  PROFILE_SCOPE,
  TOKEN_THROTTLED,
  tokenAnswerSchema,
  tokenErrorSchema,
  USER_INFO_PATH,
  userInfoAnswerSchema,
  userOfInfo,
} from '../shared/zoho-accounts.ts';
import type { SandboxOptions } from './app.ts';
import { SANDBOX_CLIENT, SELF_CLIENT_REFRESH_TOKENS } from './sandbox-client.ts';
import { DEMO_USERS } from './seed.ts';
import {
  expectBiginError,
  requestToken,
  startSandbox,
  type RunningSandbox,
} from './test-harness.ts';

let sandbox: RunningSandbox;
afterEach(() => sandbox.close());
const start = async (options: SandboxOptions = {}) => {
  sandbox = await startSandbox(options);
  return sandbox;
};

const redirectUri = 'http://127.0.0.1:43123/auth/callback';
const authQuery = (overrides: Record<string, string> = {}) =>
  new URLSearchParams({
    response_type: 'code',
    client_id: SANDBOX_CLIENT.id,
    scope:
      'ZohoBigin.modules.ALL,ZohoBigin.modules.attachments.ALL,ZohoBigin.settings.modules.READ',
    redirect_uri: redirectUri,
    state: 'st4te',
    access_type: 'offline',
    ...overrides,
  });

/** Picks a user on the consent page, as the form's button would; returns the redirect. */
async function consent(base: string, userName: string, overrides: Record<string, string> = {}) {
  const page = await fetch(`${base}/oauth/v2/auth?${authQuery(overrides)}`);
  const html = await page.text();
  const user = DEMO_USERS.find((u) => u.name === userName)!;
  expect(html).toContain(`value="${user.id}"`);
  const form = authQuery(overrides);
  form.set('user_id', user.id);
  const answer = await fetch(`${base}/oauth/v2/auth`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get('location')!);
}

const exchange = (base: string, code: string, uri = redirectUri) =>
  fetch(`${base}/oauth/v2/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: SANDBOX_CLIENT.id,
      client_secret: SANDBOX_CLIENT.secret,
      redirect_uri: uri,
      code,
    }),
  }).then((r) => r.json());

describe('the consent page', () => {
  it('may not be framed by any site, as Zoho Accounts’ own, nor may its error pages', async () => {
    const { base } = await start();
    for (const query of [authQuery(), authQuery({ client_id: 'unknown' })]) {
      const page = await fetch(`${base}/oauth/v2/auth?${query}`);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
      expect(page.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('lists every demo user as a button named exactly after the user, with no script', async () => {
    const { base } = await start();
    const response = await fetch(`${base}/oauth/v2/auth?${authQuery()}`);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    const buttons = [...html.matchAll(/<button[^>]*name="user_id"[^>]*>([^<]*)<\/button>/g)];
    expect(buttons.map((b) => b[1])).toEqual(DEMO_USERS.map((u) => u.name));
    expect(html).toContain('<form method="post"');
    expect(html).not.toMatch(/<script/i);
  });

  it('sends the browser back with code, state, location and accounts-server', async () => {
    const { base } = await start();
    const location = await consent(base, 'Patricia Boyle');
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    const query = authRedirectSchema.parse(Object.fromEntries(location.searchParams));
    expect(query).toMatchObject({ state: 'st4te', location: 'us', 'accounts-server': base });
  });

  it('shows an error page, and never redirects, for an unknown client or redirect URI', async () => {
    const { base } = await start();
    const cases: Record<string, string>[] = [
      { client_id: '1000.NOPE' },
      { redirect_uri: 'https://evil.example/auth/callback' },
      { redirect_uri: 'http://127.0.0.1:43123/other' },
    ];
    for (const overrides of cases) {
      const response = await fetch(`${base}/oauth/v2/auth?${authQuery(overrides)}`, {
        redirect: 'manual',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    }
    const local = await fetch(
      `${base}/oauth/v2/auth?${authQuery({ redirect_uri: 'http://localhost:5999/auth/callback' })}`,
    );
    expect(local.status).toBe(200);
  });
});

describe('the token endpoint', () => {
  it('exchanges a code once for a refresh and an access token that work', async () => {
    const { base } = await start();
    const code = (await consent(base, 'Patricia Boyle')).searchParams.get('code')!;
    const answer = tokenAnswerSchema.parse(await exchange(base, code));
    expect(answer).toMatchObject({ api_domain: base, token_type: 'Bearer', expires_in: 3600 });
    expect(answer.refresh_token).toBeDefined();
    const listed = await sandbox.api(`Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`, {
      token: answer.access_token,
    });
    expect(listed.status).toBe(200);
    expect(await exchange(base, code)).toEqual({ error: 'invalid_code' });
    const refreshed = tokenAnswerSchema.parse(
      await (await requestToken(base, answer.refresh_token!)).json(),
    );
    expect(refreshed.refresh_token).toBeUndefined();
  });

  it('lets a code live three minutes', async () => {
    let now = Date.parse('2024-05-01T10:00:00Z');
    const { base } = await start({ now: () => now });
    const code = (await consent(base, 'Patricia Boyle')).searchParams.get('code')!;
    now += 3 * 60_000 + 1;
    expect(await exchange(base, code)).toEqual({ error: 'invalid_code' });
  });

  it('refuses a bad client and a redirect URI other than the one consented to', async () => {
    const { base } = await start();
    const code = (await consent(base, 'Patricia Boyle')).searchParams.get('code')!;
    const wrong = await exchange(base, code, 'http://localhost:1/auth/callback');
    expect(tokenErrorSchema.parse(wrong).error).not.toBe('');
    const badClient = await fetch(`${base}/oauth/v2/token?grant_type=refresh_token&client_id=x`, {
      method: 'POST',
    });
    expect(badClient.status).toBe(200);
    expect(await badClient.json()).toEqual({ error: 'invalid_client' });
  });

  it('throttles the 11th request in 10 minutes, and retrying extends the lock-out', async () => {
    let now = Date.parse('2024-05-01T10:00:00Z');
    const { base } = await start({ now: () => now });
    const refresh = SELF_CLIENT_REFRESH_TOKENS['Sam Rivera']!;
    for (let i = 0; i < 10; i++) {
      tokenAnswerSchema.parse(await (await requestToken(base, refresh)).json());
    }
    const throttled = await requestToken(base, refresh);
    expect(throttled.status).toBe(200);
    expect(await throttled.json()).toEqual(TOKEN_THROTTLED);
    // Retrying every 30 s keeps the window full: still refused once the first ten have left it.
    for (let i = 0; i < 20; i++) {
      now += 30_000;
      expect(await (await requestToken(base, refresh)).json()).toEqual(TOKEN_THROTTLED);
    }
    now += 1_000;
    expect(await (await requestToken(base, refresh)).json()).toEqual(TOKEN_THROTTLED);
    // Ten quiet minutes later, tokens come again.
    now += 10 * 60_000 + 1;
    tokenAnswerSchema.parse(await (await requestToken(base, refresh)).json());
  });

  it('expires access tokens after their lifetime: INVALID_TOKEN', async () => {
    let now = Date.parse('2024-05-01T10:00:00Z');
    await start({ accessTokenTtlMs: 60_000, now: () => now });
    const token = await sandbox.token();
    expect((await sandbox.api(`Contacts/${DOC_SAMPLE_RECORD_ID}`, { token })).status).toBe(200);
    now += 60_000;
    await expectBiginError(
      await sandbox.api(`Contacts/${DOC_SAMPLE_RECORD_ID}`, { token }),
      401,
      'INVALID_TOKEN',
    );
  });

  it('revokes a refresh token and the access tokens minted from it', async () => {
    const { base } = await start();
    const code = (await consent(base, 'Alex Chen')).searchParams.get('code')!;
    const answer = tokenAnswerSchema.parse(await exchange(base, code));
    const revoke = await fetch(
      `${base}/oauth/v2/token/revoke?token=${encodeURIComponent(answer.refresh_token!)}`,
      { method: 'POST' },
    );
    expect(revoke.status).toBe(200);
    expect(await revoke.json()).toEqual({ status: 'success' });
    await expectBiginError(
      await sandbox.api(`Contacts/${DOC_SAMPLE_RECORD_ID}`, { token: answer.access_token }),
      401,
      'INVALID_TOKEN',
    );
    expect(await (await requestToken(base, answer.refresh_token!)).json()).toEqual({
      error: 'invalid_code',
    });
  });

  it('answers HTTP 400 to revoking a token it does not know, or no longer knows', async () => {
    const { base } = await start();
    const code = (await consent(base, 'Alex Chen')).searchParams.get('code')!;
    const { refresh_token: token } = tokenAnswerSchema.parse(await exchange(base, code));
    const revoke = (value: string) =>
      fetch(`${base}/oauth/v2/token/revoke?token=${encodeURIComponent(value)}`, {
        method: 'POST',
      });
    expect((await revoke(token!)).status).toBe(200);
    for (const value of [token!, '1000.unknown.token', '']) {
      const again = await revoke(value);
      expect(again.status).toBe(400);
      // Zoho documents the status, not the body: this body is the sandbox's assumption.
      expect(await again.json()).toEqual({ status: 'failure' });
    }
  });

  it('keeps at most 20 refresh tokens per user and client: the 21st deletes the oldest', async () => {
    const { base } = await start({ controlRoutes: true });
    const signIn = async (user: string) =>
      tokenAnswerSchema.parse(
        await exchange(base, (await consent(base, user)).searchParams.get('code')!),
      );
    const counts = async () =>
      (
        (await (await sandbox.control('GET', 'refresh-tokens')).json()) as {
          refreshTokens: { userId: string; clientId: string; count: number }[];
        }
      ).refreshTokens;
    const other = await signIn('Sam Rivera');
    const alex = [];
    for (let i = 0; i < 21; i++) alex.push(await signIn('Alex Chen'));

    // The first is gone, with the access token minted from it; the second is still good.
    expect(await (await requestToken(base, alex[0]!.refresh_token!)).json()).toEqual({
      error: 'invalid_code',
    });
    await expectBiginError(
      await sandbox.api(`Contacts/${DOC_SAMPLE_RECORD_ID}`, { token: alex[0]!.access_token }),
      401,
      'INVALID_TOKEN',
    );
    tokenAnswerSchema.parse(await (await requestToken(base, alex[1]!.refresh_token!)).json());
    const alexId = DEMO_USERS.find((u) => u.name === 'Alex Chen')!.id;
    const samId = DEMO_USERS.find((u) => u.name === 'Sam Rivera')!.id;
    expect(await counts()).toEqual(
      expect.arrayContaining([
        { userId: alexId, clientId: SANDBOX_CLIENT.id, count: 20 },
        { userId: samId, clientId: SANDBOX_CLIENT.id, count: 1 },
      ]),
    );
    // Another user's token, and the documented self-client token, are not touched.
    tokenAnswerSchema.parse(await (await requestToken(base, other.refresh_token!)).json());
    const selfClient = SELF_CLIENT_REFRESH_TOKENS['Alex Chen']!;
    tokenAnswerSchema.parse(await (await requestToken(base, selfClient)).json());
  });

  it("narrows Jordan Lee's consent: no attachments scope, and modules.ALL opens none", async () => {
    const { base } = await start();
    const code = (
      await consent(base, 'Jordan Lee', {
        scope: 'ZohoBigin.modules.ALL,ZohoBigin.modules.attachments.ALL',
      })
    ).searchParams.get('code')!;
    const answer = tokenAnswerSchema.parse(await exchange(base, code));
    expect(answer.scope).toBe('ZohoBigin.modules.ALL');
    const token = answer.access_token;
    expect((await sandbox.api(`Contacts/${DOC_SAMPLE_RECORD_ID}`, { token })).status).toBe(200);
    await expectBiginError(
      await sandbox.api(`Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`, { token }),
      401,
      'OAUTH_SCOPE_MISMATCH',
    );
  });
});

describe('the user info endpoint', () => {
  const userInfo = (base: string, token: string | null) =>
    fetch(`${base}${USER_INFO_PATH}`, {
      headers: token ? { Authorization: `Zoho-oauthtoken ${token}` } : {},
    });

  it("names the token's user, with the profile scope: name, email and ZUID", async () => {
    const { base } = await start();
    for (const user of DEMO_USERS) {
      const token = await sandbox.tokenWithScopes(
        ['ZohoBigin.modules.ALL', PROFILE_SCOPE],
        user.name,
      );
      const answer = await userInfo(base, token);
      expect(answer.status).toBe(200);
      const info = userInfoAnswerSchema.parse(await answer.json());
      expect(info).toMatchObject({ Display_Name: user.name, Email: user.email, ZUID: user.zuid });
      expect(userOfInfo(info)).toEqual({ name: user.name, email: user.email });
    }
  });

  it("takes the self-client tokens, which carry the app's scopes", async () => {
    const { base } = await start();
    const answer = await userInfo(base, await sandbox.token('Sam Rivera'));
    expect(await answer.json()).toMatchObject({ Email: 's.rivera@zylker.com' });
  });

  it('refuses a token without the profile scope, and one it does not know', async () => {
    const { base } = await start();
    const narrow = await sandbox.tokenWithScopes(['ZohoBigin.modules.ALL']);
    const withoutScope = await userInfo(base, narrow);
    expect(withoutScope.status).toBe(401);
    expect(await withoutScope.json()).toEqual({ response: 'error', cause: 'invalid_oauthscope' });
    for (const token of ['1000.unknown.token', null]) {
      const refused = await userInfo(base, token);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ response: 'error', cause: 'invalid_oauthtoken' });
    }
  });
});

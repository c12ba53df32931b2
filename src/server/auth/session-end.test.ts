import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppOptions } from '../app.ts';
import { EmbeddedStore } from '../state/embedded-store.ts';
import type { SessionStoreOptions } from '../session/session-store.ts';
import { TestBrowser } from '../test-support/browser.ts';
import { proxyOver, type ProxyOver } from '../test-support/proxy-over.ts';
import { ScriptedZoho, type RecordedCall } from '../test-support/scripted-zoho.ts';

/**
 * However a session ends, its refresh token is revoked at Zoho, in the background, and no token
 * of one user ever serves another. Over real sockets, against a scripted Zoho.
 */
const RECORD_A = '/api/records/Contacts/4150868000002728001/attachments';
const RECORD_B = '/api/records/Contacts/4150868000002728002/attachments';

let zoho: ScriptedZoho;
let proxy: ProxyOver;
let clock: number;
let logLines: string[];

const formOf = (call: RecordedCall) => new URLSearchParams(call.body);
/** Each grant code `code-x` is exchanged for the refresh token `rt-x`. */
const refreshTokenOf = (code: string) => `rt-${code.replace(/^code-/, '')}`;

async function startProxy(sessionStore: SessionStoreOptions = {}, app: Partial<AppOptions> = {}) {
  // This test's lines only: a revocation still on its way from an earlier test logs elsewhere.
  const lines = logLines;
  proxy = await proxyOver(zoho, {
    signIn: true,
    now: () => clock,
    app: {
      ...app,
      sessionStore: { now: () => clock, ...sessionStore },
      logger: { stream: { write: (line: string) => void lines.push(line) }, level: 'info' },
    },
  });
}

/** Signs a new (or the given) browser in, as Zoho's consent page would, with grant code `code`. */
async function signIn(code: string, browser = new TestBrowser(proxy.url)) {
  const started = await browser.fetch('/auth/sign-in?returnTo=/');
  const consent = new URL(started.headers.get('location')!);
  const callback = new URL(consent.searchParams.get('redirect_uri')!);
  callback.search = new URLSearchParams({
    code,
    state: consent.searchParams.get('state')!,
    location: 'us',
    'accounts-server': zoho.url,
  }).toString();
  expect((await browser.fetch(callback.toString())).status).toBe(303);
  return browser;
}

const logged = () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>);

beforeEach(async () => {
  clock = Date.now();
  logLines = [];
  zoho = await new ScriptedZoho().start();
  zoho.tokenAnswer = (call) => {
    const form = formOf(call);
    return form.get('grant_type') === 'authorization_code'
      ? zoho.issueToken({ refresh_token: refreshTokenOf(form.get('code')!) })
      : zoho.issueToken();
  };
  zoho.bigin = () => ({ status: 204 });
});
afterEach(async () => {
  await proxy.close();
  await zoho.close();
});

describe('a session that ends has its refresh token revoked at Zoho', () => {
  it('after sign-out, without waiting for Zoho: a slow or failing revocation is logged only', async () => {
    await startProxy();
    zoho.revokeAnswer = () => ({ status: 200, body: { status: 'success' }, delayMs: 3000 });
    const slow = await signIn('code-slow');
    const started = Date.now();
    expect((await slow.write('/auth/sign-out')).status).toBe(204);
    expect(Date.now() - started).toBeLessThan(1500);
    await vi.waitFor(() => expect(zoho.revokedTokens).toEqual(['rt-slow']));

    zoho.revokeAnswer = () => ({ status: 500, body: { error: 'internal' } });
    const failing = await signIn('code-failing');
    expect((await failing.write('/auth/sign-out')).status).toBe(204);
    expect((await failing.fetch(RECORD_A)).status).toBe(401);
    await vi.waitFor(() =>
      expect(logged()).toContainEqual(
        expect.objectContaining({
          level: 40,
          reason: 'signed-out',
          problem: 'HTTP 500 internal',
          msg: 'session ended, but its refresh token could not be revoked at Zoho',
        }),
      ),
    );
  });

  it("reads Zoho's HTTP 400 for a token it no longer knows as nothing to report to the user", async () => {
    await startProxy();
    zoho.revokeAnswer = () => ({ status: 400, body: { status: 'failure' } });
    const browser = await signIn('code-gone');
    expect((await browser.write('/auth/sign-out')).status).toBe(204);
    await vi.waitFor(() =>
      expect(logged()).toContainEqual(
        expect.objectContaining({
          level: 30,
          reason: 'signed-out',
          msg: 'session ended: Zoho no longer knew its refresh token',
        }),
      ),
    );
    expect(logged().filter((l) => Number(l.level) >= 40)).toEqual([]);
  });

  it("when the same browser signs in again: the replaced session's token goes", async () => {
    await startProxy();
    const browser = await signIn('code-first');
    expect((await browser.fetch(RECORD_A)).status).toBe(200);
    await signIn('code-second', browser);
    await vi.waitFor(() => expect(zoho.revokedTokens).toEqual(['rt-first']));
    expect((await browser.fetch(RECORD_A)).status).toBe(200);
    await vi.waitFor(() =>
      expect(logged()).toContainEqual(
        expect.objectContaining({
          reason: 'replaced',
          msg: 'session ended: refresh token revoked',
        }),
      ),
    );
  });

  it('when it has been idle too long, or is past its absolute lifetime', async () => {
    await startProxy({ idleMs: 60_000, absoluteMs: 300_000 });
    const idle = await signIn('code-idle');
    const busy = await signIn('code-busy');
    clock += 59_000;
    expect((await busy.fetch(RECORD_B)).status).toBe(200);
    clock += 2_000;
    const refused = await idle.fetch(RECORD_A);
    expect(refused.status).toBe(401);
    expect((await refused.json()).code).toBe('PROXY_SIGNED_OUT');
    await vi.waitFor(() => expect(zoho.revokedTokens).toEqual(['rt-idle']));
    // Used every 50 s, it is never idle, but ends 300 s after its sign-in all the same.
    for (let i = 0; i < 4; i++) {
      clock += 50_000;
      expect((await busy.fetch(RECORD_B)).status).toBe(200);
    }
    clock += 50_000;
    expect((await busy.fetch(RECORD_B)).status).toBe(401);
    await vi.waitFor(() => expect(zoho.revokedTokens).toEqual(['rt-idle', 'rt-busy']));
    const reasons = () =>
      logged()
        .filter((l) => l.msg === 'session ended: refresh token revoked')
        .map((l) => l.reason);
    await vi.waitFor(() => expect(reasons()).toEqual(['idle', 'expired']));
  });

  it('when a full session store evicts it to make room for another', async () => {
    await startProxy({ maxSessions: 2 });
    const first = await signIn('code-1');
    const second = await signIn('code-2');
    const third = await signIn('code-3');
    await vi.waitFor(() => expect(zoho.revokedTokens).toEqual(['rt-1']));
    expect((await first.fetch(RECORD_A)).status).toBe(401);
    expect((await second.fetch(RECORD_A)).status).toBe(200);
    expect((await third.fetch(RECORD_A)).status).toBe(200);
  });
});

describe('a server that shuts down', () => {
  it('revokes nothing: the sessions it served live on in the state store, for the next start', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'session-end-'));
    const stateFile = () =>
      new EmbeddedStore({ file: path.join(dir, 'state.json'), now: () => clock });
    let state = stateFile();
    await startProxy({}, { state });
    const kept = await signIn('code-kept');
    const signedOut = await signIn('code-out');
    await signedOut.write('/auth/sign-out');
    await vi.waitFor(() => expect(zoho.revokedTokens).toEqual(['rt-out']));
    await proxy.close();
    await state.close();
    expect(zoho.revokedTokens).toEqual(['rt-out']);

    // The next start, on another port, with the same secret and the same file.
    state = stateFile();
    await startProxy({}, { state });
    const again = new TestBrowser(proxy.url);
    again.cookies.set('bigin_session', kept.cookies.get('bigin_session')!);
    expect((await again.fetch(RECORD_A)).status).toBe(200);
    expect((await (await again.fetch('/api/session')).json()).signedIn).toBe(true);
    expect(zoho.revokedTokens).toEqual(['rt-out']);
    await proxy.close();
    await state.close();
  });

  it('waits a few seconds at most for a revocation still on its way to a Zoho that does not answer', async () => {
    await startProxy();
    const stuck = await signIn('code-stuck');
    zoho.revokeAnswer = () => ({ status: 200, body: { status: 'success' }, delayMs: 8000 });
    await stuck.write('/auth/sign-out');
    const started = Date.now();
    await proxy.close();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(zoho.revokedTokens).toEqual(['rt-stuck']);
  });
});

describe('nothing of one user serves another', () => {
  it('keeps tokens, refreshes and revocations apart for two users signed in at once', async () => {
    await startProxy();
    const alice = await signIn('code-alice');
    const bob = await signIn('code-bob');
    /** The access tokens Bigin saw for each record (Alice opens A, Bob opens B), from call `from`. */
    const tokensByRecord = (from = 0) => {
      const seen = new Map<string, Set<string>>();
      for (const call of zoho.biginCallList.slice(from)) {
        const record = call.url.split('/')[4]!;
        seen.set(record, (seen.get(record) ?? new Set()).add(call.headers.authorization!));
      }
      return seen;
    };

    // Interleaved and concurrent: each record's calls carry its own user's access token only.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? bob : alice).fetch(i % 2 ? RECORD_B : RECORD_A),
      ),
    );
    expect(tokensByRecord()).toEqual(
      new Map([
        ['4150868000002728001', new Set(['Zoho-oauthtoken at-1'])],
        ['4150868000002728002', new Set(['Zoho-oauthtoken at-2'])],
      ]),
    );

    // After expiry each user's manager refreshes with its own refresh token, into its own token.
    clock += 3600_000;
    const before = zoho.biginCallList.length;
    await Promise.all([alice.fetch(RECORD_A), bob.fetch(RECORD_B)]);
    const refreshedWith = zoho.tokenCalls
      .filter((c) => formOf(c).get('grant_type') === 'refresh_token')
      .map((c) => formOf(c).get('refresh_token'));
    expect(refreshedWith.sort()).toEqual(['rt-alice', 'rt-bob']);
    const refreshed = tokensByRecord(before);
    const [aliceToken] = [...refreshed.get('4150868000002728001')!];
    const [bobToken] = [...refreshed.get('4150868000002728002')!];
    expect(
      new Set([aliceToken, bobToken, 'Zoho-oauthtoken at-1', 'Zoho-oauthtoken at-2']).size,
    ).toBe(4);

    // Alice signs out: only her refresh token goes; Bob goes on with his.
    await alice.write('/auth/sign-out');
    await vi.waitFor(() => expect(zoho.revokedTokens).toEqual(['rt-alice']));
    expect((await bob.fetch(RECORD_B)).status).toBe(200);
    expect((await alice.fetch(RECORD_A)).status).toBe(401);

    // Carol signs in in Alice's browser: a token of her own, neither Alice's nor Bob's.
    await signIn('code-carol', alice);
    const carolFrom = zoho.biginCallList.length;
    expect((await alice.fetch(RECORD_A)).status).toBe(200);
    const [carolToken] = [...tokensByRecord(carolFrom).get('4150868000002728001')!];
    expect([aliceToken, bobToken]).not.toContain(carolToken);
    expect(zoho.revokedTokens).toEqual(['rt-alice']);
  });

  it('never lets a session cookie of one browser act in another', async () => {
    await startProxy();
    const alice = await signIn('code-alice');
    const stranger = new TestBrowser(proxy.url);
    // A forged or guessed cookie value is not a session: it is signed.
    stranger.cookies.set('bigin_session', 'made-up');
    expect((await stranger.fetch(RECORD_A)).status).toBe(401);
    expect((await alice.fetch(RECORD_A)).status).toBe(200);
  });
});

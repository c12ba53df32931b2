import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '../api-failure.ts';
import { ScriptedZoho } from '../test-support/scripted-zoho.ts';
import { Upstream } from './upstream.ts';

let zoho: ScriptedZoho;
const sleeps: number[] = [];
const upstream = (options: ConstructorParameters<typeof Upstream>[0] = {}) =>
  new Upstream({
    random: () => 0.5,
    sleep: async (ms) => void sleeps.push(ms),
    ...options,
  });
const call = (u: Upstream, method: 'GET' | 'POST' | 'DELETE' = 'GET', caller?: string) =>
  u.send(
    { method, url: new URL('/bigin/v1/x', zoho.url), headers: {}, orgKey: 'org', caller },
    async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after') }),
  );

beforeEach(async () => {
  sleeps.length = 0;
  zoho = await new ScriptedZoho().start();
});
afterEach(() => zoho.close());

describe('Upstream, over a real socket', () => {
  it('retries a GET at most twice on a 5xx, with jittered backoff, then passes the answer on', async () => {
    zoho.bigin = () => ({ status: 500, body: { code: 'INTERNAL_ERROR' } });
    const answer = await call(upstream({ baseDelayMs: 100 }));
    expect(answer.status).toBe(500);
    expect(zoho.biginCallList).toHaveLength(3);
    expect(sleeps).toEqual([50, 100]);
  });

  it('stops retrying as soon as a GET succeeds', async () => {
    zoho.bigin = (_c, n) => (n === 1 ? { status: 503 } : { status: 200, body: {} });
    expect((await call(upstream())).status).toBe(200);
    expect(zoho.biginCallList).toHaveLength(2);
  });

  it.each(['POST', 'DELETE'] as const)(
    'never repeats a %s, whatever the answer',
    async (method) => {
      zoho.bigin = () => ({ status: 503, headers: { 'Retry-After': '1' } });
      expect((await call(upstream(), method)).status).toBe(503);
      expect(zoho.biginCallList).toHaveLength(1);
      expect(zoho.biginCallList[0]!.method).toBe(method);
    },
  );

  it('never repeats a POST that timed out either', async () => {
    zoho.bigin = () => ({ status: 200, delayMs: 300 });
    await expect(call(upstream({ deadlineMs: 50 }), 'POST')).rejects.toMatchObject({
      code: 'PROXY_UPSTREAM_TIMEOUT',
    });
    await new Promise((r) => setTimeout(r, 350));
    expect(zoho.biginCallList).toHaveLength(1);
  });

  it('gives a GET one deadline for all its tries: a hanging Bigin is asked once, not three times', async () => {
    zoho.bigin = () => ({ status: 200, delayMs: 400 });
    const failure = await call(upstream({ deadlineMs: 100 })).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect((failure as ApiFailure).code).toBe('PROXY_UPSTREAM_TIMEOUT');
    expect(zoho.biginCallList).toHaveLength(1);
  });

  it('aborts the call to Bigin when the caller gives up, and frees its slot', async () => {
    zoho.bigin = (_c, n) => (n === 1 ? { status: 200, delayMs: 5000 } : { status: 200, body: {} });
    const u = upstream({ maxInFlight: 1 });
    const gone = new AbortController();
    const first = u.send(
      {
        method: 'GET',
        url: new URL('/bigin/v1/x', zoho.url),
        headers: {},
        orgKey: 'org',
        signal: gone.signal,
      },
      async (r) => r.status,
    );
    while (zoho.biginCallList.length < 1) await new Promise((r) => setTimeout(r, 5));
    gone.abort(new DOMException('the browser went away', 'AbortError'));
    await expect(first).rejects.toMatchObject({ code: 'PROXY_UPSTREAM_UNREACHABLE' });
    // The only slot is free again: the next call is not held behind the abandoned one.
    expect((await call(u)).status).toBe(200);
    expect(zoho.biginCallList).toHaveLength(2);
  });

  it('answers PROXY_BUSY with a Retry-After when no slot comes within the wait', async () => {
    zoho.bigin = () => ({ status: 200, delayMs: 500 });
    const u = upstream({ maxInFlight: 1, slotWaitMs: 50 });
    const held = call(u);
    const failure = await call(u).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'PROXY_BUSY', httpStatus: 503 });
    expect((failure as ApiFailure).headers['Retry-After']).toMatch(/^\d+$/);
    expect((await held).status).toBe(200);
    expect(zoho.biginCallList).toHaveLength(1);
  });

  it('spends retries from a budget: once it is spent, a failing GET is tried once', async () => {
    zoho.bigin = () => ({ status: 500, body: { code: 'INTERNAL_ERROR' } });
    const u = upstream({ retryBudget: { max: 2, perCall: 0 }, breaker: { failures: 100 } });
    expect((await call(u)).status).toBe(500);
    expect(zoho.biginCallList).toHaveLength(3);
    expect((await call(u)).status).toBe(500);
    expect(zoho.biginCallList).toHaveLength(4);
  });

  it('stops calling a Bigin that failed five times in a row for two users, for a while, and says so at once', async () => {
    let clock = 1_000_000;
    zoho.bigin = () => ({ status: 503, body: { code: 'INTERNAL_ERROR' } });
    const u = upstream({
      maxRetries: 0,
      breaker: { failures: 5, openMs: 10_000, now: () => clock },
    });
    // One user's failures alone pause nobody...
    for (let i = 0; i < 6; i++) expect((await call(u, 'GET', 'alice')).status).toBe(503);
    // ...one more from another user does.
    expect((await call(u, 'GET', 'bob')).status).toBe(503);
    const paused = await call(u, 'GET', 'carol').catch((e: unknown) => e);
    expect(paused).toMatchObject({ code: 'PROXY_UPSTREAM_PAUSED', httpStatus: 503 });
    expect((paused as ApiFailure).headers['Retry-After']).toBe('10');
    expect(zoho.biginCallList).toHaveLength(7);
    // Once the pause is over, a call goes through; one more failure pauses again at once...
    clock += 10_000;
    expect((await call(u, 'GET', 'alice')).status).toBe(503);
    await expect(call(u, 'GET', 'bob')).rejects.toMatchObject({ code: 'PROXY_UPSTREAM_PAUSED' });
    // ...and a success closes it.
    clock += 10_000;
    zoho.bigin = () => ({ status: 200, body: {} });
    expect((await call(u, 'GET', 'alice')).status).toBe(200);
    expect((await call(u, 'GET', 'bob')).status).toBe(200);
    expect(zoho.biginCallList).toHaveLength(10);
  });

  it('waits out a short Retry-After on a 429 and tries again', async () => {
    zoho.bigin = (_c, n) =>
      n === 1 ? { status: 429, headers: { 'Retry-After': '2' } } : { status: 200, body: {} };
    expect((await call(upstream())).status).toBe(200);
    expect(sleeps).toEqual([2000]);
  });

  it('passes a 429 on with its wait time when the wait is longer than 10 s, or not given', async () => {
    zoho.bigin = () => ({ status: 429, headers: { 'Retry-After': '60' } });
    expect(await call(upstream())).toEqual({ status: 429, retryAfter: '60' });
    expect(zoho.biginCallList).toHaveLength(1);
    zoho.bigin = () => ({ status: 429 });
    expect(await call(upstream())).toEqual({ status: 429, retryAfter: null });
    expect(zoho.biginCallList).toHaveLength(2);
  });

  it('keeps at most 5 calls in flight per organisation, queueing the rest', async () => {
    let inFlight = 0;
    let most = 0;
    zoho.bigin = async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight -= 1;
      return { status: 200, body: {} };
    };
    const u = upstream();
    const answers = await Promise.all(Array.from({ length: 30 }, () => call(u)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(most).toBe(5);
  });
});

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
const call = (u: Upstream, method: 'GET' | 'POST' | 'DELETE' = 'GET') =>
  u.send(
    { method, url: new URL('/bigin/v1/x', zoho.url), headers: {}, orgKey: 'org' },
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
    await expect(call(upstream({ timeoutMs: 50 }), 'POST')).rejects.toMatchObject({
      code: 'PROXY_UPSTREAM_TIMEOUT',
    });
    await new Promise((r) => setTimeout(r, 350));
    expect(zoho.biginCallList).toHaveLength(1);
  });

  it('times a GET out after its retries and says so', async () => {
    zoho.bigin = () => ({ status: 200, delayMs: 200 });
    const failure = await call(upstream({ timeoutMs: 40 })).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect((failure as ApiFailure).code).toBe('PROXY_UPSTREAM_TIMEOUT');
    expect(zoho.biginCallList).toHaveLength(3);
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../state/embedded-store.ts';
import { RedisStore } from '../state/redis-store.ts';
import { Sealer } from '../state/sealed.ts';
import type { StateStore } from '../state/state-store.ts';
import { startTestRedis, type TestRedis } from '../test-support/redis-server.ts';
import { ApiFailure } from '../api-failure.ts';
import { FrameTokens, nonceHashOf } from './frame-tokens.ts';

const APP = 'https://attachments.example.com';
const NONCE = 'a-nonce-the-frame-chose-0123456789abcdef';
const SESSION = 'the-session-id-which-only-a-cookie-holds';
const sealer = new Sealer(['s'.repeat(40)]);

/** The store, with everything written to it kept aside to look at. */
function recording(store: StateStore) {
  const written: string[] = [];
  const spy = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (name === 'set' || name === 'setIfAbsent')
        return (key: string, stored: string, ttl: number) => {
          written.push(key, stored);
          return (value as StateStore['set']).call(target, key, stored, ttl);
        };
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { spy, written };
}

const reasonOf = async (attempt: Promise<unknown>) => {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiFailure);
  const failure = error as ApiFailure;
  expect(failure.code).toBe('PROXY_EMBED_CODE_REFUSED');
  return failure.details.reason;
};

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(() => redis.stop());

let prefixes = 0;
const stores: [string, () => Promise<StateStore>][] = [
  ['the embedded store', async () => new EmbeddedStore()],
  [
    'the Redis store',
    () => RedisStore.connect({ url: redis.url, prefix: `frame-${(prefixes += 1)}:` }),
  ],
];

describe.each(stores)('frame codes and tokens in %s', (_name, open) => {
  it('takes a code once, even when several instances try at the same moment', async () => {
    const store = await open();
    const frames = new FrameTokens({ store, sealer });
    const code = await frames.mintCode({ sessionId: SESSION, origin: APP }, nonceHashOf(NONCE));
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        new FrameTokens({ store, sealer }).takeCode(code, { origin: APP, nonce: NONCE }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toEqual([
      { status: 'fulfilled', value: { sessionId: SESSION, origin: APP } },
    ]);
    expect(await reasonOf(frames.takeCode(code, { origin: APP, nonce: NONCE }))).toBe(
      'unknown-or-used',
    );
    await store.close();
  });

  it('keeps neither codes, nor tokens, nor the session they stand for as themselves', async () => {
    const store = await open();
    const { spy, written } = recording(store);
    const frames = new FrameTokens({ store: spy, sealer });
    const code = await frames.mintCode({ sessionId: SESSION, origin: APP }, nonceHashOf(NONCE));
    const holder = await frames.takeCode(code, { origin: APP, nonce: NONCE });
    const token = await frames.mintToken(holder);
    expect(await frames.holderOf(token)).toEqual({ sessionId: SESSION, origin: APP });
    expect(written.length).toBeGreaterThanOrEqual(4);
    for (const secret of [code, token, token.slice(4), SESSION, NONCE]) {
      expect(written.join('\n')).not.toContain(secret);
    }
    await frames.revoke(token);
    expect(await frames.holderOf(token)).toBeUndefined();
    await store.close();
  });
});

it('hashes a nonce as the frame does: SHA-256 of its UTF-8, base64url', () => {
  // The standard's own example; the widget's test (frame-sign-in.test.ts) holds it to the same.
  expect(nonceHashOf('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
});

describe('frame codes and tokens, on a clock', () => {
  let clock = Date.now();
  const now = () => clock;
  const fresh = () => {
    const store = new EmbeddedStore({ now, sweepEveryMs: 0 });
    return new FrameTokens({ store, sealer, now });
  };

  it('takes a code within its minute, and not after', async () => {
    const frames = fresh();
    const hash = nonceHashOf(NONCE);
    const young = await frames.mintCode({ sessionId: SESSION, origin: APP }, hash);
    const old = await frames.mintCode({ sessionId: SESSION, origin: APP }, hash);
    clock += 59_000;
    await expect(frames.takeCode(young, { origin: APP, nonce: NONCE })).resolves.toBeTruthy();
    clock += 2_000;
    expect(await reasonOf(frames.takeCode(old, { origin: APP, nonce: NONCE }))).toBe(
      'unknown-or-used',
    );
  });

  it('refuses a code from another origin or without its nonce, and uses it up all the same', async () => {
    const frames = fresh();
    const hash = nonceHashOf(NONCE);
    const one = await frames.mintCode({ sessionId: SESSION, origin: APP }, hash);
    expect(
      await reasonOf(frames.takeCode(one, { origin: 'https://evil.example', nonce: NONCE })),
    ).toBe('wrong-origin');
    expect(await reasonOf(frames.takeCode(one, { origin: APP, nonce: NONCE }))).toBe(
      'unknown-or-used',
    );
    const two = await frames.mintCode({ sessionId: SESSION, origin: APP }, hash);
    expect(await reasonOf(frames.takeCode(two, { origin: APP, nonce: `${NONCE}x` }))).toBe(
      'wrong-nonce',
    );
  });

  it('keeps a frame token for an hour unused, renewed by each use', async () => {
    const frames = fresh();
    const token = await frames.mintToken({ sessionId: SESSION, origin: APP });
    for (let i = 0; i < 5; i += 1) {
      clock += 55 * 60_000;
      expect(await frames.holderOf(token)).toEqual({ sessionId: SESSION, origin: APP });
    }
    clock += 61 * 60_000;
    expect(await frames.holderOf(token)).toBeUndefined();
    expect(await frames.holderOf('bf1.never-issued')).toBeUndefined();
  });
});

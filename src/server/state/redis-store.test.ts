import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../test-support/redis-server.ts';
import { RedisStore } from './redis-store.ts';
import { describeStateStore } from './state-store-contract.ts';

let redis: TestRedis;
let tests = 0;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis.stop();
});

// Each test on keys of its own.
describeStateStore('RedisStore', () =>
  RedisStore.connect({ url: redis.url, prefix: `contract-${(tests += 1)}:` }),
);

describe('RedisStore when Redis is in trouble', () => {
  it('refuses to start when Redis cannot be reached, naming REDIS_URL without its password', async () => {
    const started = Date.now();
    await expect(
      RedisStore.connect({ url: 'redis://:hunter2@127.0.0.1:1', connectTimeoutMs: 1000 }),
    ).rejects.toThrow(
      /^Redis at REDIS_URL \(redis:\/\/:\*\*\*@127\.0\.0\.1:1\) cannot be reached: ECONNREFUSED/,
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('fails fast with PROXY_STATE_UNAVAILABLE while Redis is gone, and resumes by itself', async () => {
    const lines: string[] = [];
    const store = await RedisStore.connect({
      url: redis.url,
      prefix: 'trouble:',
      log: (level, message) => lines.push(`${level} ${message}`),
    });
    await store.set('k', 'v', 60_000);
    await redis.stop();
    const started = Date.now();
    const failures = await Promise.all(
      Array.from({ length: 10 }, () => store.get('k').catch((error: unknown) => error)),
    );
    expect(Date.now() - started).toBeLessThan(2500);
    for (const failure of failures) {
      expect(failure).toMatchObject({ code: 'PROXY_STATE_UNAVAILABLE', httpStatus: 503 });
    }
    await redis.restart();
    await expect
      .poll(() => store.get('k').catch(() => 'still down'), { timeout: 5000 })
      .toBe(undefined);
    await store.set('k', 'back', 60_000);
    expect(await store.get('k')).toBe('back');
    expect(lines).toContain('info Redis at REDIS_URL is back');
    expect(lines.some((l) => l.startsWith('warn Redis at REDIS_URL lost'))).toBe(true);
    await store.close();
  });
});

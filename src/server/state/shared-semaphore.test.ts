import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../test-support/redis-server.ts';
import { EmbeddedStore } from './embedded-store.ts';
import { RedisStore } from './redis-store.ts';
import { SharedSemaphore, type Release } from './shared-semaphore.ts';
import type { StateStore } from './state-store.ts';

let redis: TestRedis;
let tests = 0;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis.stop();
});

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two "instances" on one store: each its own SharedSemaphore, as each process has. */
const stores: [string, () => Promise<[StateStore, StateStore]>][] = [
  [
    'EmbeddedStore',
    async () => {
      const store = new EmbeddedStore();
      return [store, store];
    },
  ],
  [
    'RedisStore',
    async () => {
      const prefix = `semaphore-${(tests += 1)}:`;
      return [
        await RedisStore.connect({ url: redis.url, prefix }),
        await RedisStore.connect({ url: redis.url, prefix }),
      ];
    },
  ],
];

describe.each(stores)('SharedSemaphore on the %s', (_name, open) => {
  it('lets no more than its capacity through across instances, and serves every waiter', async () => {
    const [a, b] = await open();
    const here = new SharedSemaphore(a, 'org', 3, { pollMs: 5 });
    const there = new SharedSemaphore(b, 'org', 3, { pollMs: 5 });
    let inFlight = 0;
    let most = 0;
    const call = async (semaphore: SharedSemaphore) => {
      const release = await semaphore.acquire();
      inFlight += 1;
      most = Math.max(most, inFlight);
      await tick(Math.random() * 10);
      inFlight -= 1;
      release();
    };
    await Promise.all(Array.from({ length: 40 }, (_, i) => call(i % 2 ? here : there)));
    expect(most).toBe(3);
    expect(here.inFlight + there.inFlight).toBe(0);
    await a.close();
    await b.close();
  });

  it('serves waiters in this instance first come, first served, at once on a release', async () => {
    const [store] = await open();
    const semaphore = new SharedSemaphore(store, 'org', 1, { pollMs: 10_000 });
    const first = await semaphore.acquire();
    const order: number[] = [];
    const releases: Promise<Release>[] = [1, 2, 3].map((n) =>
      semaphore.acquire().then((release) => {
        order.push(n);
        return release;
      }),
    );
    await tick(20);
    expect(order).toEqual([]);
    first();
    // Not the next poll (10 s away): the release itself hands the slot on.
    (await releases[0]!)();
    (await releases[1]!)();
    (await releases[2]!)();
    expect(order).toEqual([1, 2, 3]);
    first();
    await store.close();
  });
});

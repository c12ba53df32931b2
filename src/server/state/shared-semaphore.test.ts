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

  it('lets one caller alone take all slots but one, and gives the last to another at once', async () => {
    const [a, b] = await open();
    const here = new SharedSemaphore(a, 'org', 5, { pollMs: 5 });
    const there = new SharedSemaphore(b, 'org', 5, { pollMs: 5 });
    const alice = await Promise.all([1, 2, 3, 4].map(() => here.acquire({ caller: 'alice' })));
    let fifth = false;
    const aliceFifth = there.acquire({ caller: 'alice' }).then((r) => ((fifth = true), r));
    // Bob, on the other instance, is not held behind Alice's calls.
    const bob = await there.acquire({ caller: 'bob', waitMs: 1000 });
    bob();
    await tick(30);
    // Alone again, Alice still leaves one slot free: hers is the next of her own that ends.
    expect(fifth).toBe(false);
    alice[0]!();
    (await aliceFifth)();
    expect(fifth).toBe(true);
    for (const release of alice) release();
    await a.close();
    await b.close();
  });

  it('keeps a slot for short calls: transfers take at most all but one', async () => {
    const [store] = await open();
    const semaphore = new SharedSemaphore(store, 'org', 3, { pollMs: 5 });
    const transfers = [
      await semaphore.acquire({ caller: 'alice', transfer: true }),
      await semaphore.acquire({ caller: 'bob', transfer: true }),
    ];
    await expect(
      semaphore.acquire({ caller: 'carol', transfer: true, waitMs: 50 }),
    ).rejects.toMatchObject({ code: 'PROXY_BUSY' });
    const listing = await semaphore.acquire({ caller: 'alice', waitMs: 1000 });
    listing();
    for (const release of transfers) release();
    await store.close();
  });

  it('serves a waiter under its share before a caller already at it', async () => {
    const [store] = await open();
    const semaphore = new SharedSemaphore(store, 'org', 4, { pollMs: 10_000 });
    const alice = await Promise.all(
      [1, 2, 3].map(() => semaphore.acquire({ caller: 'alice', transfer: true })),
    );
    const order: string[] = [];
    const aliceFourth = semaphore
      .acquire({ caller: 'alice', transfer: true })
      .then((r) => (order.push('alice'), r));
    await tick(10);
    const bobFirst = semaphore
      .acquire({ caller: 'bob', transfer: true })
      .then((r) => (order.push('bob'), r));
    await tick(10);
    // Alice, back at her share of 2, waits behind Bob, who came later.
    alice[0]!();
    (await bobFirst)();
    (await aliceFourth)();
    expect(order).toEqual(['bob', 'alice']);
    for (const release of alice) release();
    await store.close();
  });

  it('answers PROXY_BUSY past the wait or a full queue, and lets a waiter leave when told', async () => {
    const [store] = await open();
    const semaphore = new SharedSemaphore(store, 'org', 1, { pollMs: 5, maxQueue: 2 });
    const held = await semaphore.acquire({ caller: 'alice' });
    const waited = semaphore.acquire({ caller: 'bob', waitMs: 40 });
    const gone = new AbortController();
    const leaving = semaphore.acquire({ caller: 'carol', signal: gone.signal });
    await expect(semaphore.acquire({ caller: 'dave' })).rejects.toMatchObject({
      code: 'PROXY_BUSY',
      details: { reason: 'queue' },
    });
    const busy = await waited.catch((e: unknown) => e);
    expect(busy).toMatchObject({ code: 'PROXY_BUSY', details: { reason: 'wait' } });
    expect((busy as { headers: Record<string, string> }).headers['Retry-After']).toBe('2');
    gone.abort(new Error('the browser went away'));
    await expect(leaving).rejects.toThrow('the browser went away');
    expect(semaphore.queued).toBe(0);
    held();
    await store.close();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StateStore } from './state-store.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A time to live that a busy machine's pauses between two steps of a test do not outlast. */
const SHORT_MS = 600;
/** A slot's lease, renewed at 40% of it and looked at past its first end (at 105%). */
const LEASE_MS = 2000;

/**
 * What every StateStore does, run against each (embedded-store.test.ts, redis-store.test.ts) on
 * the real clock: the Redis store's time is Redis's own.
 */
export function describeStateStore(name: string, open: () => Promise<StateStore>): void {
  describe(`${name}: the state store contract`, () => {
    let store: StateStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps a value until its time is up, then answers nothing', async () => {
      await store.set('a', 'one', SHORT_MS);
      await store.set('b', 'two', 60_000);
      expect(await store.get('a')).toBe('one');
      await store.set('a', 'one again', SHORT_MS);
      expect(await store.get('a')).toBe('one again');
      await sleep(SHORT_MS + 100);
      expect(await store.get('a')).toBeUndefined();
      expect(await store.get('b')).toBe('two');
      expect(await store.get('never-set')).toBeUndefined();
    });

    it('deletes, and with a value only while it still holds that value', async () => {
      await store.set('k', 'mine', 60_000);
      expect(await store.delete('k', 'theirs')).toBe(false);
      expect(await store.get('k')).toBe('mine');
      expect(await store.delete('k', 'mine')).toBe(true);
      expect(await store.get('k')).toBeUndefined();
      expect(await store.delete('k')).toBe(false);
      await store.set('k', 'x', 60_000);
      expect(await store.delete('k')).toBe(true);
    });

    it('gives a lock to one caller of many at once, and again once its lease runs out', async () => {
      const taken = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.setIfAbsent('lock', `holder-${i}`, SHORT_MS)),
      );
      expect(taken.filter(Boolean)).toHaveLength(1);
      const holder = `holder-${taken.indexOf(true)}`;
      expect(await store.get('lock')).toBe(holder);
      expect(await store.setIfAbsent('lock', 'late', SHORT_MS)).toBe(false);
      await sleep(SHORT_MS + 100);
      expect(await store.setIfAbsent('lock', 'late', SHORT_MS)).toBe(true);
      // The first holder's release comes too late: it must not free the lock the next one holds.
      expect(await store.delete('lock', holder)).toBe(false);
      expect(await store.get('lock')).toBe('late');
    });

    it('spends a budget once for all callers, and says when the oldest use leaves the window', async () => {
      const answers = await Promise.all(
        Array.from({ length: 15 }, () => store.spend('budget', 10, 400)),
      );
      expect(answers.filter((a) => a.spent)).toHaveLength(10);
      const refused = answers.find((a) => !a.spent);
      expect(refused).toMatchObject({ spent: false });
      const wait = (refused as { retryInMs: number }).retryInMs;
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(400);
      expect((await store.spend('other', 10, 400)).spent).toBe(true);
      await sleep(wait + 50);
      expect((await store.spend('budget', 10, 400)).spent).toBe(true);
    });

    it('holds at most `capacity` slots, frees them on release, and lets a lease run out', async () => {
      const taken = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.acquireSlot('org', 5, `h${i}`, LEASE_MS)),
      );
      expect(taken.filter(Boolean)).toHaveLength(5);
      const holders = taken.flatMap((t, i) => (t ? [`h${i}`] : []));
      expect(await store.acquireSlot('org', 5, 'late', LEASE_MS)).toBe(false);
      // A holder asking again keeps its own slot, and takes no other.
      expect(await store.acquireSlot('org', 5, holders[0]!, LEASE_MS)).toBe(true);
      await store.releaseSlot('org', holders[0]!);
      expect(await store.acquireSlot('org', 5, 'late', LEASE_MS)).toBe(true);
      expect(await store.acquireSlot('org', 5, 'later', LEASE_MS)).toBe(false);
      expect(await store.acquireSlot('other-org', 5, 'later', LEASE_MS)).toBe(true);

      // Renewed leases hold past their first end; the others (a dead instance's) run out. The
      // leases are long enough that a busy machine's pauses neither let a lease run out before
      // its renewal nor the renewed ones before they are looked at.
      const kept = holders.slice(1, 3);
      await sleep(LEASE_MS * 0.4);
      await store.renewSlots('org', kept, LEASE_MS);
      await sleep(LEASE_MS * 0.65);
      expect(await store.acquireSlot('org', 5, 'x1', LEASE_MS)).toBe(true);
      expect(await store.acquireSlot('org', 5, 'x2', LEASE_MS)).toBe(true);
      expect(await store.acquireSlot('org', 5, 'x3', LEASE_MS)).toBe(true);
      expect(await store.acquireSlot('org', 5, 'x4', LEASE_MS)).toBe(false);
      // A renewal does not bring back a slot that was released.
      await store.releaseSlot('org', kept[0]!);
      await store.renewSlots('org', kept, LEASE_MS);
      expect(await store.acquireSlot('org', 5, 'x4', LEASE_MS)).toBe(true);
    });

    it('keeps a slot for somebody else from a caller at its share, counting every instance', async () => {
      const share = (group: string, n = 2) => ({ group: `${group}:`, share: n, keep: 1 });
      // One caller alone: its share, then all but the kept slot.
      for (const h of ['a:1', 'a:2', 'a:3', 'a:4']) {
        expect(await store.acquireSlot('fair', 5, h, 60_000, share('a'))).toBe(true);
      }
      expect(await store.acquireSlot('fair', 5, 'a:5', 60_000, share('a'))).toBe(false);
      // The kept slot goes to another caller under its share...
      expect(await store.acquireSlot('fair', 5, 'b:1', 60_000, share('b'))).toBe(true);
      await store.releaseSlot('fair', 'b:1');
      // ...never to a transfer (a share of 0), whoever asks.
      expect(await store.acquireSlot('fair', 5, 'c:1', 60_000, share('c', 0))).toBe(false);
      // A holder asking again keeps its own slot; without a share, the last slot is anyone's.
      expect(await store.acquireSlot('fair', 5, 'a:4', 60_000, share('a'))).toBe(true);
      expect(await store.acquireSlot('fair', 5, 'z', 60_000)).toBe(true);
      expect(await store.acquireSlot('fair', 5, 'b:1', 60_000, share('b'))).toBe(false);
    });

    it('hands each member due on a schedule to one caller only, earliest first', async () => {
      await store.schedule('due', 'c', 3000);
      await store.schedule('due', 'a', 1000);
      await store.schedule('due', 'b', 2000);
      await store.schedule('due', 'd', 9000);
      // Moved later: no longer due at 3500.
      await store.schedule('due', 'b', 5000);
      await store.unschedule('due', 'c');
      const takers = await Promise.all(
        Array.from({ length: 5 }, () => store.takeDue('due', 3500, 10)),
      );
      expect(takers.flat()).toEqual(['a']);
      expect(await store.takeDue('due', 10_000, 1)).toEqual(['b']);
      expect(await store.takeDue('due', 10_000, 10)).toEqual(['d']);
      expect(await store.takeDue('due', 10_000, 10)).toEqual([]);
    });

    it('takes the earliest members beyond a count, once', async () => {
      for (const [member, at] of [
        ['old', 1],
        ['older', 0],
        ['new', 3],
        ['mid', 2],
      ] as const) {
        await store.schedule('sessions', member, at);
      }
      expect(await store.takeBeyond('sessions', 4)).toEqual([]);
      const takers = await Promise.all([
        store.takeBeyond('sessions', 2),
        store.takeBeyond('sessions', 2),
      ]);
      expect(takers.flat()).toEqual(['older', 'old']);
      expect(await store.takeDue('sessions', 10, 10)).toEqual(['mid', 'new']);
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}

import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../state/embedded-store.ts';
import { Sealer } from '../state/sealed.ts';
import type { StateStore } from '../state/state-store.ts';
import { SessionStore, type Grant, type SessionEndReason } from './session-store.ts';

const grant = (name: string): Grant => ({
  accountsServer: 'https://accounts.zoho.com',
  refreshToken: `rt-${name}`,
});

function storeWithLog(
  options: { idleMs?: number; absoluteMs?: number; maxSessions?: number } = {},
  state?: StateStore,
) {
  let clock = 1_000_000;
  const now = () => clock;
  const ended: [string, SessionEndReason][] = [];
  const revoked: string[] = [];
  const kept = state ?? new EmbeddedStore({ now });
  const store = new SessionStore(
    {
      store: kept,
      sealer: new Sealer(['s'.repeat(40)]),
      tokensOf: (g) => ({
        get: async () => ({ token: 'at', apiDomain: '', expiresAt: 0, lifetimeMs: 0 }),
        refreshAfterRejection: async () => ({
          token: 'at',
          apiDomain: '',
          expiresAt: 0,
          lifetimeMs: 0,
        }),
        revoke: async () => {
          revoked.push(g.refreshToken);
          return { outcome: 'revoked' as const };
        },
        isRevoked: false,
      }),
    },
    {
      ...options,
      now,
      onEnd: (session, reason) => {
        ended.push([session.tokens ? 'tokens' : 'none', reason]);
        void session.tokens?.revoke();
      },
    },
  );
  return { store, state: kept, ended, revoked, tick: (ms: number) => void (clock += ms) };
}

describe('SessionStore tells of every session that ends, with why, and its tokens go', () => {
  it('on sign-out and on a new sign-in in the same browser', async () => {
    const { store, ended, revoked } = storeWithLog();
    const a = await store.create(grant('a'));
    const b = await store.create(grant('b'));
    await store.destroy(a, 'signed-out');
    await store.destroy(b, 'replaced');
    await store.destroy(b, 'replaced');
    expect(ended.map(([, reason]) => reason)).toEqual(['signed-out', 'replaced']);
    expect(revoked).toEqual(['rt-a', 'rt-b']);
    expect(await store.get(a.id)).toBeUndefined();
  });

  it('keeps nothing readable without its id, and nothing in the clear', async () => {
    let written = '';
    const state = new EmbeddedStore();
    const spy: StateStore = Object.assign(Object.create(state) as StateStore, {
      set: (key: string, value: string, ttl: number) => {
        written += `${key} ${value}\n`;
        return state.set(key, value, ttl);
      },
    });
    const { store } = storeWithLog({}, spy);
    const session = await store.create(grant('secret-token'));
    expect(written).not.toContain(session.id);
    expect(written).not.toContain('secret-token');
    expect(written).not.toContain(session.csrfToken);
    expect((await store.get(session.id))?.csrfToken).toBe(session.csrfToken);
  });

  it('when its time runs out unseen, idle or past its absolute lifetime: the schedule of ends revokes it', async () => {
    const { store, ended, revoked, tick } = storeWithLog({ idleMs: 1000, absoluteMs: 5000 });
    const idle = await store.create(grant('idle'));
    const busy = await store.create(grant('busy'));
    for (let i = 0; i < 5; i++) {
      tick(900);
      expect((await store.get(busy.id))?.id).toBe(busy.id);
    }
    expect(await store.get(idle.id)).toBeUndefined();
    await store.endDue();
    expect(revoked).toEqual(['rt-idle']);
    tick(900);
    expect(await store.get(busy.id)).toBeUndefined();
    await store.endDue();
    expect(ended.map(([, reason]) => reason)).toEqual(['idle', 'expired']);
    expect(revoked).toEqual(['rt-idle', 'rt-busy']);
    await store.endDue();
    expect(revoked).toHaveLength(2);
  });

  it('when the store holds as many signed-in sessions as it may: the least recently used goes', async () => {
    const { store, ended, revoked, tick } = storeWithLog({ maxSessions: 2 });
    const first = await store.create(grant('1'));
    tick(120_000);
    const second = await store.create(grant('2'));
    tick(120_000);
    // Used since: the first is now more recent than the second.
    await store.get(first.id);
    const third = await store.create(grant('3'));
    expect(ended).toEqual([['tokens', 'evicted']]);
    expect(revoked).toEqual(['rt-2']);
    expect(await store.get(second.id)).toBeUndefined();
    expect((await store.get(first.id))?.id).toBe(first.id);
    expect((await store.get(third.id))?.id).toBe(third.id);
  });

  it('ends the session even when the listener throws', async () => {
    const { store } = storeWithLog();
    const throwing = new SessionStore(
      {
        store: new EmbeddedStore(),
        sealer: new Sealer(['s'.repeat(40)]),
        tokensOf: (store as unknown as { deps: { tokensOf: () => never } }).deps.tokensOf,
      },
      {
        onEnd: () => {
          throw new Error('listener failed');
        },
      },
    );
    const session = await throwing.create(grant('x'));
    await expect(throwing.destroy(session, 'signed-out')).resolves.toBeUndefined();
    expect(await throwing.get(session.id)).toBeUndefined();
  });
});

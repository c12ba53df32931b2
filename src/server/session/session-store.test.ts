import { describe, expect, it } from 'vitest';
import { SessionStore, type SessionEndReason } from './session-store.ts';

function storeWithLog(options: { idleMs?: number; absoluteMs?: number; maxSessions?: number }) {
  let clock = 1_000_000;
  const ended: [string, SessionEndReason][] = [];
  const store = new SessionStore({
    ...options,
    now: () => clock,
    onEnd: (session, reason) => ended.push([session.id, reason]),
  });
  return { store, ended, tick: (ms: number) => void (clock += ms) };
}

describe('SessionStore tells of every session that ends, with why', () => {
  it('on sign-out and on a new sign-in in the same browser', () => {
    const { store, ended } = storeWithLog({});
    const a = store.create();
    const b = store.create();
    store.destroy(a.id, 'signed-out');
    store.destroy(b.id, 'replaced');
    store.destroy(b.id, 'replaced');
    expect(ended).toEqual([
      [a.id, 'signed-out'],
      [b.id, 'replaced'],
    ]);
  });

  it('when a request finds it unused too long, or past its absolute lifetime', () => {
    const { store, ended, tick } = storeWithLog({ idleMs: 1000, absoluteMs: 5000 });
    const idle = store.create();
    const busy = store.create();
    for (let i = 0; i < 5; i++) {
      tick(900);
      expect(store.get(busy.id)).toBe(busy);
    }
    expect(store.get(idle.id)).toBeUndefined();
    tick(900);
    expect(store.get(busy.id)).toBeUndefined();
    expect(ended).toEqual([
      [idle.id, 'idle'],
      [busy.id, 'expired'],
    ]);
  });

  it('when the sweep drops abandoned sessions, that no request will ever ask for again', () => {
    const { store, ended, tick } = storeWithLog({ idleMs: 1000 });
    const abandoned = store.create();
    tick(600);
    const recent = store.create();
    tick(600);
    store.sweep();
    expect(ended).toEqual([[abandoned.id, 'idle']]);
    expect(store.size).toBe(1);
    expect(store.get(recent.id)).toBe(recent);
  });

  it('when a full store evicts the oldest to make room', () => {
    const { store, ended } = storeWithLog({ maxSessions: 2 });
    const [first, second] = [store.create(), store.create()];
    const third = store.create();
    expect(ended).toEqual([[first.id, 'evicted']]);
    expect(store.get(second.id)).toBe(second);
    expect(store.get(third.id)).toBe(third);
  });

  it('when the server shuts down, taking every session with it', () => {
    const { store, ended } = storeWithLog({});
    const [a, b] = [store.create(), store.create()];
    store.endAll('shutdown');
    expect(ended).toEqual([
      [a.id, 'shutdown'],
      [b.id, 'shutdown'],
    ]);
    expect(store.size).toBe(0);
  });

  it('ends the session even when the listener throws', () => {
    const store = new SessionStore({
      onEnd: () => {
        throw new Error('listener failed');
      },
    });
    const session = store.create();
    expect(() => store.destroy(session.id, 'signed-out')).not.toThrow();
    expect(store.get(session.id)).toBeUndefined();
  });
});

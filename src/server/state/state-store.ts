import { ApiFailure } from '../api-failure.ts';

/**
 * Where the proxy keeps what outlives a request (sessions, access tokens with their refresh lock
 * and budget, the organisation's Bigin concurrency budget, the sessions due to end), as
 * oauth2-proxy and @fastify/rate-limit do: one small interface, two stores.
 *
 * - EmbeddedStore (embedded-store.ts): the default, for one instance; in this process's memory,
 *   kept in a file under DATA_DIR so that a restart loses nothing; needs nothing installed.
 * - RedisStore (redis-store.ts): when REDIS_URL is set, for any number of instances; expiry by
 *   Redis's own TTLs, scripts for what must happen at once.
 *
 * Values are opaque strings: whoever writes a secret seals it first (sealed.ts). Every method
 * fails with PROXY_STATE_UNAVAILABLE (stateUnavailable()) when the store cannot be reached, at
 * once rather than after a wait. Both stores pass the same contract suite
 * (state-store-contract.ts).
 */
export interface StateStore {
  readonly kind: 'embedded' | 'redis';

  /** The value under `key`, or undefined when there is none or its time has passed. */
  get(key: string): Promise<string | undefined>;
  /** Sets `key` for `ttlMs`, replacing any value. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets `key` only when it holds nothing (a lock with a lease); true when it was set. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /**
   * Deletes `key`; with `ifValue`, only while it still holds exactly that (a lock released by
   * its holder, never by whoever took it over after the lease ran out). True when deleted.
   */
  delete(key: string, ifValue?: string): Promise<boolean>;

  /**
   * Spends one of `max` uses allowed in any `windowMs` (a sliding window, counted once for every
   * instance): Zoho's 10 token refreshes in 10 minutes. When none is left, nothing is spent and
   * the answer says when the oldest use leaves the window.
   */
  spend(key: string, max: number, windowMs: number): Promise<Spent>;

  /**
   * A counting semaphore with leases: takes one of `capacity` slots for `holder` until
   * `leaseMs` from now, unless all are taken by live leases; true when taken. A lease that is
   * neither renewed nor released (its instance died) frees its slot when it runs out. With
   * `share`, the slot is taken only while enough are free for the share's rule.
   */
  acquireSlot(
    key: string,
    capacity: number,
    holder: string,
    leaseMs: number,
    share?: SlotShare,
  ): Promise<boolean>;
  /** Extends the leases of `holders` still holding a slot to `leaseMs` from now. */
  renewSlots(key: string, holders: readonly string[], leaseMs: number): Promise<void>;
  releaseSlot(key: string, holder: string): Promise<void>;

  /** Puts `member` on the schedule `key` for `atMs` (moving it when it is there already). */
  schedule(key: string, member: string, atMs: number): Promise<void>;
  unschedule(key: string, member: string): Promise<void>;
  /** Takes off the schedule (for this caller alone) at most `limit` members due by `nowMs`. */
  takeDue(key: string, nowMs: number, limit: number): Promise<string[]>;
  /** Takes off the schedule (for this caller alone) the earliest members beyond the first `keep`. */
  takeBeyond(key: string, keep: number): Promise<string[]>;

  /** Answers when the store can be used now (for readiness checks). */
  ping(): Promise<void>;
  /** Writes out what is pending and lets go of connections and timers. */
  close(): Promise<void>;
}

/**
 * The fair share of a semaphore's slots (shared-semaphore.ts), counted in the store so that it
 * holds across instances: holders named `<group><anything>` are one caller's. A caller that
 * already holds `share` slots or more takes another only while more than `keep` are free, so
 * that `keep` slots stay for somebody else (a `share` of 0 always leaves them).
 */
export interface SlotShare {
  /** The prefix of the caller's holder names. */
  group: string;
  share: number;
  keep: number;
}

/** Whether a caller holding `mine` of the slots may take one of `free`, under `share`. */
export const mayTakeSlot = (free: number, mine: number, share?: SlotShare): boolean =>
  free >= (share && mine >= share.share ? share.keep + 1 : 1);

export type Spent = { spent: true } | { spent: false; retryInMs: number };

/** The one failure of a store that cannot be reached: 503, and what to do, in the banner. */
export function stateUnavailable(cause?: unknown): ApiFailure {
  const failure = ApiFailure.proxy('PROXY_STATE_UNAVAILABLE').withHeader('Retry-After', '5');
  if (cause !== undefined) failure.cause = cause;
  return failure;
}

export const isStateUnavailable = (error: unknown): boolean =>
  error instanceof ApiFailure && error.code === 'PROXY_STATE_UNAVAILABLE';

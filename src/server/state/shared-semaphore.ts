import { randomUUID } from 'node:crypto';
import { ApiFailure } from '../api-failure.ts';
import type { SlotShare, StateStore } from './state-store.ts';

/** Frees the slot taken; calling it again does nothing. */
export type Release = () => void;

/** Who asks for a slot, and for how long they may wait. */
export interface SlotClaim {
  /**
   * The caller (a session, an embed link) whose share the slot counts against; none: the call
   * takes any free slot, as one caller alone may.
   */
  caller?: string | undefined;
  /** A long transfer (a download or an upload): it leaves the kept slot to the short calls. */
  transfer?: boolean | undefined;
  /** Gives up the wait (the browser went away, or the call's deadline passed). */
  signal?: AbortSignal | undefined;
  /** How long to wait for a slot before PROXY_BUSY; the semaphore's own default when absent. */
  waitMs?: number | undefined;
}

/** Takes one of a limited number of slots, waiting for one when all are taken. */
export interface Limiter {
  acquire(claim?: SlotClaim): Promise<Release>;
}

export interface SharedSemaphoreOptions {
  /**
   * How long a slot stays taken without a renewal: an instance that dies holds its slots this
   * long at most. Renewed every third of it while held, so a long download keeps its slot.
   */
  leaseMs?: number;
  /** How often waiters look for a slot another instance freed. */
  pollMs?: number;
  /** A caller's fair share of the slots while others want them (BIGIN_FAIR_SHARE). */
  fairShare?: number;
  /** How long a call waits for a slot before PROXY_BUSY (BIGIN_SLOT_WAIT_MS). */
  waitMs?: number;
  /** At most this many calls wait in this instance; beyond, PROXY_BUSY at once (BIGIN_QUEUE_MAX). */
  maxQueue?: number;
}

export const DEFAULT_SLOT_LEASE_MS = 10_000;
/** What a PROXY_BUSY answer tells the browser to wait, in seconds. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/** All slots taken for longer than the wait allowed, or the queue is full: try again shortly. */
export const proxyBusy = (reason: 'wait' | 'queue') =>
  ApiFailure.proxy('PROXY_BUSY', { reason }).withHeader(
    'Retry-After',
    String(BUSY_RETRY_AFTER_SECONDS),
  );

interface Waiter {
  caller: string | undefined;
  transfer: boolean;
  /** Its kind of call: a store that refuses one waiter refuses the others of its kind. */
  kind: string;
  resolve: (release: Release) => void;
  reject: (e: unknown) => void;
  /** Takes the waiter out of the queue and clears its timer and listener. */
  leave: () => void;
}

/**
 * A counting semaphore every instance shares through the store: BIGIN_MAX_IN_FLIGHT calls to
 * Bigin in flight for the whole organisation, whichever instance makes them. A store that cannot
 * be reached fails the calls waiting and those that ask (PROXY_STATE_UNAVAILABLE) instead of
 * holding them.
 *
 * The fair share, one rule in three parts (docs/architecture.md):
 * - one slot is kept for short calls: a transfer takes a slot only while two or more are free;
 * - one slot is kept for somebody else: a caller already holding its share (`fairShare`, 2 of
 *   5) takes another only while two or more are free. One caller alone may so use every slot
 *   but one, and another caller's listing always finds a slot at once;
 * - while others wait, a caller at its share waits behind them: a freed slot goes to the first
 *   waiter whose caller holds less than its share here, and only when there is none to the first
 *   waiter at all.
 * The first two are counted in the store, so they hold across instances; the order of the third
 * is each instance's own. A wait is bounded (`waitMs`, then PROXY_BUSY with Retry-After), so is
 * the queue (`maxQueue`), and a waiter whose browser went away leaves it at once. Waiters are
 * served at once when a slot is freed here and within `pollMs` when one is freed elsewhere.
 */
export class SharedSemaphore implements Limiter {
  /** Holders in this instance, with their callers. */
  private readonly held = new Map<string, string | undefined>();
  private readonly waiting: Waiter[] = [];
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly fairShare: number;
  private readonly waitMs: number;
  private readonly maxQueue: number;
  /** The slot kept for short calls and for another caller: none when there is only one. */
  private readonly keep: number;
  private heartbeat: NodeJS.Timeout | undefined;
  private poller: NodeJS.Timeout | undefined;
  private pumping = false;
  private pumpAgain = false;
  /** Holders are this instance's id and a count: unique across instances, without a UUID each. */
  private readonly instance = randomUUID();
  private holders = 0;

  constructor(
    private readonly store: StateStore,
    private readonly key: string,
    private readonly capacity: number,
    options: SharedSemaphoreOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? DEFAULT_SLOT_LEASE_MS;
    this.pollMs = options.pollMs ?? 20;
    this.fairShare = options.fairShare ?? 2;
    this.waitMs = options.waitMs ?? 10_000;
    this.maxQueue = options.maxQueue ?? 100;
    this.keep = capacity > 1 ? 1 : 0;
  }

  /** Slots this instance holds now. */
  get inFlight(): number {
    return this.held.size;
  }

  /** Calls waiting in this instance now. */
  get queued(): number {
    return this.waiting.length;
  }

  acquire(claim: SlotClaim = {}): Promise<Release> {
    const { signal } = claim;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.waiting.length >= this.maxQueue) return Promise.reject(proxyBusy('queue'));
    return new Promise<Release>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiter.leave();
        reject(proxyBusy('wait'));
      }, claim.waitMs ?? this.waitMs);
      const onAbort = () => {
        waiter.leave();
        reject(signal!.reason);
      };
      const caller = claim.caller?.replaceAll(':', '_');
      const transfer = Boolean(claim.transfer);
      const waiter: Waiter = {
        caller,
        transfer,
        kind: `${transfer}:${caller}`,
        resolve,
        reject,
        leave: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          const at = this.waiting.indexOf(waiter);
          if (at >= 0) this.waiting.splice(at, 1);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
      void this.pump();
    });
  }

  private share(waiter: Waiter): SlotShare | undefined {
    if (!waiter.transfer && waiter.caller === undefined) return undefined;
    return {
      group: `${waiter.caller ?? ''}:`,
      // A transfer always leaves the kept slot; a caller's call, once it holds its share.
      share: waiter.transfer ? 0 : this.fairShare,
      keep: this.keep,
    };
  }

  private async tryTake(waiter: Waiter): Promise<Release | undefined> {
    const holder = `${waiter.caller ?? ''}:${this.instance}.${(this.holders += 1)}`;
    const share = this.share(waiter);
    if (!(await this.store.acquireSlot(this.key, this.capacity, holder, this.leaseMs, share))) {
      return undefined;
    }
    this.held.set(holder, waiter.caller);
    this.keepAlive();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held.delete(holder);
      // A release that cannot reach the store is left to its lease.
      void this.store
        .releaseSlot(this.key, holder)
        .catch(() => undefined)
        .finally(() => void this.pump());
    };
  }

  /** The waiters in the order they are served: those under their share here first. */
  private inTurn(): Waiter[] {
    const holding = new Map<string | undefined, number>();
    for (const caller of this.held.values()) holding.set(caller, (holding.get(caller) ?? 0) + 1);
    const under = (w: Waiter) =>
      w.caller === undefined || (holding.get(w.caller) ?? 0) < this.fairShare;
    const first: Waiter[] = [];
    const behind: Waiter[] = [];
    for (const w of this.waiting) (under(w) ? first : behind).push(w);
    return behind.length ? first.concat(behind) : first;
  }

  /** Hands free slots to the waiters, in turn. */
  private async pump(): Promise<void> {
    if (this.pumping) {
      // A slot freed while a look was on its way: look once more when it is back.
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        // A caller refused once is refused again for the same kind of call: asked once a round.
        const refused = new Set<string>();
        for (const waiter of this.inTurn()) {
          const { kind } = waiter;
          if (refused.has(kind)) continue;
          let release: Release | undefined;
          try {
            release = await this.tryTake(waiter);
          } catch (error) {
            for (const w of [...this.waiting]) {
              w.leave();
              w.reject(error);
            }
            return;
          }
          if (!release) refused.add(kind);
          else if (!this.waiting.includes(waiter))
            release(); // left while the store answered
          else {
            waiter.leave();
            waiter.resolve(release);
          }
        }
      } while (this.pumpAgain && this.waiting.length);
    } finally {
      this.pumping = false;
    }
    this.schedulePoll();
  }

  private schedulePoll(): void {
    if (this.poller || !this.waiting.length) return;
    const delay = this.pollMs * (0.5 + Math.random());
    this.poller = setTimeout(() => {
      this.poller = undefined;
      void this.pump();
    }, delay);
  }

  private keepAlive(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      if (!this.held.size) {
        clearInterval(this.heartbeat);
        this.heartbeat = undefined;
        return;
      }
      // A renewal that fails is tried again next time; the lease outlasts two misses.
      void this.store
        .renewSlots(this.key, [...this.held.keys()], this.leaseMs)
        .catch(() => undefined);
    }, this.leaseMs / 3);
    this.heartbeat.unref();
  }
}

import { randomUUID } from 'node:crypto';
import type { StateStore } from './state-store.ts';

/** Frees the slot taken; calling it again does nothing. */
export type Release = () => void;

/** Takes one of a limited number of slots, waiting for one when all are taken. */
export interface Limiter {
  acquire(): Promise<Release>;
}

export interface SharedSemaphoreOptions {
  /**
   * How long a slot stays taken without a renewal: an instance that dies holds its slots this
   * long at most. Renewed every third of it while held, so a long download keeps its slot.
   */
  leaseMs?: number;
  /** How often waiters look for a slot another instance freed. */
  pollMs?: number;
}

export const DEFAULT_SLOT_LEASE_MS = 10_000;

/**
 * A counting semaphore every instance shares through the store: BIGIN_MAX_IN_FLIGHT calls to
 * Bigin in flight for the whole organisation, whichever instance makes them. Waiters here are
 * served first come, first served, at once when a slot is freed here and within `pollMs` when
 * one is freed elsewhere. A store that cannot be reached fails the calls waiting and those that
 * ask (PROXY_STATE_UNAVAILABLE) instead of holding them.
 */
export class SharedSemaphore implements Limiter {
  private readonly held = new Set<string>();
  private readonly waiting: {
    resolve: (release: Release) => void;
    reject: (e: unknown) => void;
  }[] = [];
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private heartbeat: NodeJS.Timeout | undefined;
  private poller: NodeJS.Timeout | undefined;
  private pumping = false;
  private pumpAgain = false;

  constructor(
    private readonly store: StateStore,
    private readonly key: string,
    private readonly capacity: number,
    options: SharedSemaphoreOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? DEFAULT_SLOT_LEASE_MS;
    this.pollMs = options.pollMs ?? 20;
  }

  /** Slots this instance holds now. */
  get inFlight(): number {
    return this.held.size;
  }

  async acquire(): Promise<Release> {
    if (!this.waiting.length) {
      const release = await this.tryTake();
      if (release) return release;
    }
    return new Promise<Release>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.schedulePoll();
    });
  }

  private async tryTake(): Promise<Release | undefined> {
    const holder = randomUUID();
    if (!(await this.store.acquireSlot(this.key, this.capacity, holder, this.leaseMs))) {
      return undefined;
    }
    this.held.add(holder);
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

  /** Hands free slots to the waiters, first in line first. */
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
        while (this.waiting.length) {
          let release: Release | undefined;
          try {
            release = await this.tryTake();
          } catch (error) {
            for (const waiter of this.waiting.splice(0)) waiter.reject(error);
            return;
          }
          if (!release) break;
          this.waiting.shift()!.resolve(release);
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
      void this.store.renewSlots(this.key, [...this.held], this.leaseMs).catch(() => undefined);
    }, this.leaseMs / 3);
    this.heartbeat.unref();
  }
}

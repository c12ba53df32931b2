import { ApiFailure } from '../api-failure.ts';

export interface CircuitBreakerOptions {
  /** Failures in a row (no success between) that open the breaker. */
  failures?: number;
  /** ...met by at least this many callers (sessions, embed links). */
  callers?: number;
  /** How long it stays open: calls are refused at once, without reaching Bigin. */
  openMs?: number;
  now?: () => number;
}

/**
 * Stops calling Bigin for a moment after it failed several calls in a row (no answer in time,
 * no connection, a 502, 503 or 504) for more than one caller, so that a Bigin in trouble is not
 * sent every call of every user, each holding a place for its whole deadline. One caller's
 * failures alone (one record Bigin cannot serve, one user's retries) pause nobody: another
 * user's calls may well succeed. Open, it refuses at once with PROXY_UPSTREAM_PAUSED and a
 * Retry-After. Once `openMs` has passed, calls go through again; the first failure opens it again
 * at once (it stays one failure short of the limit), the first success closes it. Answers Bigin
 * gave (a 4xx, a 429, its 500 INTERNAL_ERROR) are successes: Bigin is there. This process's own
 * count, for each organisation.
 */
export class CircuitBreaker {
  private inARow = 0;
  /** The callers whose calls failed in this run of failures. */
  private readonly failing = new Set<string>();
  private openUntil = 0;
  private readonly failures: number;
  private readonly callers: number;
  private readonly openMs: number;
  private readonly now: () => number;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failures = options.failures ?? 5;
    this.callers = options.callers ?? 2;
    this.openMs = options.openMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get isOpen(): boolean {
    return this.now() < this.openUntil;
  }

  /** Throws PROXY_UPSTREAM_PAUSED while open. */
  admit(): void {
    const left = this.openUntil - this.now();
    if (left <= 0) return;
    throw ApiFailure.proxy('PROXY_UPSTREAM_PAUSED').withHeader(
      'Retry-After',
      String(Math.ceil(left / 1000)),
    );
  }

  succeeded(): void {
    this.inARow = 0;
    this.failing.clear();
    this.openUntil = 0;
  }

  /** A call of `caller` (none: any caller) failed. */
  failed(caller = ''): void {
    this.inARow += 1;
    this.failing.add(caller);
    if (this.inARow < this.failures || this.failing.size < this.callers) return;
    this.openUntil = this.now() + this.openMs;
    // Half open once the time is up: one more failure is enough to open it again.
    this.inARow = this.failures - 1;
  }
}

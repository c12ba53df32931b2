import { ApiFailure } from '../api-failure.ts';

export interface CircuitBreakerOptions {
  /** Failures in a row (no success between) that open the breaker. */
  failures?: number;
  /** How long it stays open: calls are refused at once, without reaching Bigin. */
  openMs?: number;
  now?: () => number;
}

/**
 * Stops calling Bigin for a moment after it failed several calls in a row (no answer in time, no
 * connection, a 502, 503 or 504), so that a Bigin in trouble is not sent every call of every user, each
 * holding a place for its whole deadline. Open, it refuses at once with PROXY_UPSTREAM_PAUSED and
 * a Retry-After. Once `openMs` has passed, calls go through again; the first failure opens it
 * again at once (it stays one failure short of the limit), the first success closes it.
 * Answers Bigin gave (a 4xx, a 429, its 500 INTERNAL_ERROR) are successes: Bigin is there. This
 * process's own count, for each organisation.
 */
export class CircuitBreaker {
  private inARow = 0;
  private openUntil = 0;
  private readonly failures: number;
  private readonly openMs: number;
  private readonly now: () => number;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failures = options.failures ?? 5;
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
    this.openUntil = 0;
  }

  failed(): void {
    this.inARow += 1;
    if (this.inARow < this.failures) return;
    this.openUntil = this.now() + this.openMs;
    // Half open once the time is up: one more failure is enough to open it again.
    this.inARow = this.failures - 1;
  }
}

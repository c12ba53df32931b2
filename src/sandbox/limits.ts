import { BiginFailure } from './bigin-failure.ts';

export interface LimitSettings {
  /** API credits per rolling 24 hours; one call costs one credit. */
  apiCreditsPer24h: number;
  /** Calls in flight at once for the org (Bigin publishes no number; CRM's free edition: 5). */
  maxConcurrentCalls: number;
}

/** Generous enough that demos and tests never meet it unless they mean to. */
export const DEFAULT_LIMITS: LimitSettings = { apiCreditsPer24h: 50_000, maxConcurrentCalls: 5 };

const DAY_MS = 24 * 3_600_000;

/** The org's API credits and concurrency: beyond them Bigin answers 429 TOO_MANY_REQUESTS. */
export class ApiLimits {
  private calls: number[] = [];
  private inFlight = 0;
  settings: LimitSettings;

  constructor(
    private readonly initial: LimitSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.settings = { ...initial };
  }

  /** Takes a credit and a concurrency slot; the returned function gives the slot back. */
  acquire(): () => void {
    if (this.inFlight >= this.settings.maxConcurrentCalls) {
      throw new BiginFailure(
        'TOO_MANY_REQUESTS',
        { limit: this.settings.maxConcurrentCalls },
        undefined,
        {
          headers: { 'Retry-After': '1' },
        },
      );
    }
    const now = this.now();
    this.calls = this.calls.filter((t) => t > now - DAY_MS);
    if (this.calls.length >= this.settings.apiCreditsPer24h) {
      // The oldest call in the window is the next credit to come back.
      const wait = Math.max(1, Math.ceil((this.calls[0]! + DAY_MS - now) / 1000));
      throw new BiginFailure(
        'TOO_MANY_REQUESTS',
        { limit: this.settings.apiCreditsPer24h },
        undefined,
        {
          headers: { 'Retry-After': String(wait) },
        },
      );
    }
    this.calls.push(now);
    this.inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
    };
  }

  usage(): { creditsUsed: number; inFlight: number } {
    const now = this.now();
    return {
      creditsUsed: this.calls.filter((t) => t > now - DAY_MS).length,
      inFlight: this.inFlight,
    };
  }

  resetUsage(): void {
    this.calls = [];
  }

  /** The limits the sandbox was built with, and no usage. */
  restore(): void {
    this.settings = { ...this.initial };
    this.calls = [];
  }
}

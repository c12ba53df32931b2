export interface RetryBudgetOptions {
  /** Retries in hand at the start, and at most. */
  max?: number;
  /** What each call adds: 0.2 allows one retry for every five calls, once the first are spent. */
  perCall?: number;
}

/**
 * Retries are spent from a budget (as gRPC's retry throttling and Finagle's RetryBudget do):
 * each call puts a part of a retry in, each retry takes a whole one out. While Bigin answers most
 * calls, a failure is retried; when most calls fail, the retries stop multiplying the load on a
 * Bigin already in trouble, and each failure is answered as it came.
 */
export class RetryBudget {
  private balance: number;
  private readonly max: number;
  private readonly perCall: number;

  constructor(options: RetryBudgetOptions = {}) {
    this.max = options.max ?? 10;
    this.perCall = options.perCall ?? 0.2;
    this.balance = this.max;
  }

  get left(): number {
    return this.balance;
  }

  /** A call started. */
  deposit(): void {
    this.balance = Math.min(this.max, this.balance + this.perCall);
  }

  /** Takes one retry; false when none is left. */
  withdraw(): boolean {
    if (this.balance < 1) return false;
    this.balance -= 1;
    return true;
  }
}

import { parseRetryAfter } from '../../shared/retry-after.ts';
import { ApiFailure } from '../api-failure.ts';
import type { Limiter, Release } from '../state/shared-semaphore.ts';
import { sendStreamed, type SendStreamed } from './streamed-request.ts';

export interface UpstreamOptions {
  /** Bigin's concurrency limit: 5 calls in flight on the free edition, beyond that 429. */
  maxInFlight?: number;
  /**
   * The organisation's budget of calls in flight, shared by every instance (a SharedSemaphore on
   * the state store, of maxInFlight slots). Absent: this process's own count.
   */
  limiter?: (orgKey: string) => Limiter;
  timeoutMs?: number;
  /** Retries after the first try, for GET only. */
  maxRetries?: number;
  baseDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the 429 goes back to the browser. */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  /** Sends a request with a streamed body (an upload); node:http by default. */
  sendStreamed?: SendStreamed;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: URL;
  headers: Record<string, string>;
  body?: BodyInit | AsyncIterable<Uint8Array>;
  /** Which organisation's concurrency budget the call counts against. */
  orgKey: string;
  /** Ends the call early (the browser went away, or the caller's own idle timer ran out). */
  signal?: AbortSignal;
  /**
   * A transfer of unknown length (a streamed download or upload) has no overall deadline: the
   * caller passes `signal` with an idle timer instead. Default: the client's `timeoutMs`.
   */
  noDeadline?: boolean;
}

/** Statuses worth a second try for a GET: the same request may well succeed a moment later. */
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/**
 * Every call to Bigin goes through here: at most `maxInFlight` per organisation (queued beyond
 * that), each with a timeout, GETs retried at most twice with jittered backoff (honouring a
 * short `Retry-After`), and POST and DELETE never repeated, because Bigin's writes carry no
 * idempotency key: a repeated upload would attach the file twice.
 */
export class Upstream {
  private readonly limiters = new Map<string, Limiter>();
  private readonly o: Required<Omit<UpstreamOptions, 'limiter'>>;

  constructor(private readonly options: UpstreamOptions = {}) {
    this.o = {
      maxInFlight: options.maxInFlight ?? 5,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxRetries: options.maxRetries ?? 2,
      baseDelayMs: options.baseDelayMs ?? 200,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 10_000,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      sendStreamed: options.sendStreamed ?? sendStreamed,
      random: options.random ?? Math.random,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    };
  }

  /**
   * Sends `request` and hands the final answer to `read` while still holding the slot, so that
   * a body being read counts as a call in flight.
   */
  async send<T>(request: UpstreamRequest, read: (response: Response) => Promise<T>): Promise<T> {
    const limiter = this.limiterFor(request.orgKey);
    const retries = request.method === 'GET' ? this.o.maxRetries : 0;
    for (let attempt = 0; ; attempt += 1) {
      const release = await limiter.acquire();
      let waitMs: number;
      try {
        const outcome = await this.attempt(request);
        const last = attempt >= retries;
        if (outcome instanceof Response) {
          const wait = RETRYABLE_STATUS.has(outcome.status)
            ? this.retryWait(outcome, attempt)
            : undefined;
          if (last || wait === undefined) return await read(outcome);
          await outcome.body?.cancel();
          waitMs = wait;
        } else {
          if (last) throw outcome;
          waitMs = this.backoff(attempt);
        }
      } finally {
        release();
      }
      await this.o.sleep(waitMs);
    }
  }

  private async attempt(request: UpstreamRequest): Promise<Response | ApiFailure> {
    try {
      const signals = request.noDeadline ? [] : [AbortSignal.timeout(this.o.timeoutMs)];
      if (request.signal) signals.push(request.signal);
      const signal = signals.length ? AbortSignal.any(signals) : undefined;
      const { method, url, headers, body } = request;
      if (body !== undefined && isAsyncIterable(body)) {
        return await this.o.sendStreamed(url, { method, headers, body, signal });
      }
      return await this.o.fetch(url, {
        method,
        headers,
        body: body ?? null,
        redirect: 'manual',
        signal: signal ?? null,
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      if (timedOut) return ApiFailure.proxy('PROXY_UPSTREAM_TIMEOUT');
      // The cause (refused, DNS, TLS) helps whoever runs the proxy; it holds no secret.
      const cause =
        (error as { cause?: { code?: unknown } }).cause?.code ?? (error as { code?: unknown }).code;
      return ApiFailure.proxy('PROXY_UPSTREAM_UNREACHABLE', {
        cause: typeof cause === 'string' ? cause : (error as Error).name,
      });
    }
  }

  /** How long to wait before retrying a GET that got `response`; undefined: do not retry. */
  private retryWait(response: Response, attempt: number): number | undefined {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    if (retryAfter !== undefined) {
      return retryAfter <= this.o.maxRetryAfterMs ? retryAfter : undefined;
    }
    // Without a wait time, a 429 means the day's credits are gone: retrying only spends more.
    if (response.status === 429) return undefined;
    return this.backoff(attempt);
  }

  /** Full jitter: anywhere between 0 and base * 2^attempt, so that callers do not march in step. */
  private backoff(attempt: number): number {
    return Math.round(this.o.random() * this.o.baseDelayMs * 2 ** attempt);
  }

  private limiterFor(orgKey: string): Limiter {
    let limiter = this.limiters.get(orgKey);
    if (!limiter) {
      limiter = this.options.limiter?.(orgKey) ?? new Semaphore(this.o.maxInFlight);
      this.limiters.set(orgKey, limiter);
    }
    return limiter;
  }
}

const isAsyncIterable = (body: unknown): body is AsyncIterable<Uint8Array> =>
  typeof body === 'object' && body !== null && Symbol.asyncIterator in body;

/** A counting semaphore with a first-come, first-served queue, in this process alone. */
export class Semaphore implements Limiter {
  private inUse = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly capacity: number) {}

  get inFlight(): number {
    return this.inUse;
  }

  async acquire(): Promise<Release> {
    if (this.inUse < this.capacity) this.inUse += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release();
    };
  }

  private release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next in line: the count stays the same.
    if (next) next();
    else this.inUse -= 1;
  }
}

import { parseRetryAfter } from '../../shared/retry-after.ts';
import { ApiFailure } from '../api-failure.ts';
import { EmbeddedStore } from '../state/embedded-store.ts';
import { SharedSemaphore, type Limiter } from '../state/shared-semaphore.ts';
import { fetchBuffered } from './buffered-request.ts';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.ts';
import { RetryBudget, type RetryBudgetOptions } from './retry-budget.ts';
import { sendStreamed, type SendStreamed } from './streamed-request.ts';

export interface UpstreamOptions {
  /** Bigin's concurrency limit: 5 calls in flight on the free edition, beyond that 429. */
  maxInFlight?: number;
  /**
   * The organisation's budget of calls in flight, shared by every instance (a SharedSemaphore on
   * the state store, of maxInFlight slots). Absent: a SharedSemaphore on this process's memory.
   */
  limiter?: (orgKey: string) => Limiter;
  /** One deadline for a call and all its retries (BIGIN_CALL_DEADLINE_MS); transfers have none. */
  deadlineMs?: number;
  /** How long a short call waits for a slot before PROXY_BUSY (BIGIN_SLOT_WAIT_MS). */
  slotWaitMs?: number;
  /** How long a transfer waits for a slot (BIGIN_TRANSFER_SLOT_WAIT_MS). */
  transferSlotWaitMs?: number;
  /** Retries after the first try, for GET only. */
  maxRetries?: number;
  baseDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the 429 goes back to the browser. */
  maxRetryAfterMs?: number;
  retryBudget?: RetryBudgetOptions;
  breaker?: CircuitBreakerOptions;
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
  /** Whose fair share of the organisation's slots the call counts against (a session, a link). */
  caller?: string | undefined;
  /** Ends the call early (the browser went away, or the caller's own idle timer ran out). */
  signal?: AbortSignal | undefined;
  /**
   * A transfer of unknown length (a streamed download or upload) has no overall deadline: the
   * caller passes `signal` with an idle timer instead. It waits in the transfers' lane.
   */
  noDeadline?: boolean | undefined;
  /**
   * The answer is read whole (JSON): sent through a pool of undici's, its body read before
   * `read` sees it (bufferedBytes()). An injected `fetch` (tests) is used instead when given.
   */
  buffered?: boolean | undefined;
}

/** Statuses worth a second try for a GET: the same request may well succeed a moment later. */
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
/**
 * Answers that say Bigin itself is down or overwhelmed, for the circuit breaker. A 500 is left
 * out: Bigin answered with its INTERNAL_ERROR envelope about that one request (one record it
 * cannot read), which says nothing of the next user's.
 */
const FAILING_STATUS = new Set([502, 503, 504]);

/** What the proxy keeps per organisation: its slots, its breaker and its retry budget. */
interface Org {
  limiter: Limiter;
  breaker: CircuitBreaker;
  budget: RetryBudget;
}

/**
 * Every call to Bigin goes through here: a slot of the organisation's (fairly shared, waited for
 * at most `slotWaitMs`, shared-semaphore.ts), one deadline for the call with its retries (also
 * ended when the browser goes away), GETs retried at most twice with jittered backoff (honouring
 * a short `Retry-After`) while the retry budget allows and the deadline leaves time, a circuit
 * breaker that stops calling a failing Bigin for a moment, and POST and DELETE never repeated,
 * because Bigin's writes carry no idempotency key: a repeated upload would attach the file twice.
 */
export class Upstream {
  private readonly orgs = new Map<string, Org>();
  private readonly o: Required<
    Omit<UpstreamOptions, 'limiter' | 'retryBudget' | 'breaker' | 'transferSlotWaitMs'>
  > & { transferSlotWaitMs: number };

  constructor(private readonly options: UpstreamOptions = {}) {
    this.o = {
      maxInFlight: options.maxInFlight ?? 5,
      deadlineMs: options.deadlineMs ?? 20_000,
      slotWaitMs: options.slotWaitMs ?? 10_000,
      transferSlotWaitMs: options.transferSlotWaitMs ?? 60_000,
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
    const org = this.orgFor(request.orgKey);
    org.breaker.admit();
    org.budget.deposit();
    const deadlineAt = request.noDeadline ? Infinity : Date.now() + this.o.deadlineMs;
    const deadline = request.noDeadline
      ? undefined
      : withDeadline(this.o.deadlineMs, request.signal);
    try {
      return await this.tries(request, read, org, deadline?.signal ?? request.signal, deadlineAt);
    } finally {
      // `read` has read or streamed the whole answer: the call is over.
      deadline?.done();
    }
  }

  private async tries<T>(
    request: UpstreamRequest,
    read: (response: Response) => Promise<T>,
    org: Org,
    signal: AbortSignal | undefined,
    deadlineAt: number,
  ): Promise<T> {
    const retries = request.method === 'GET' ? this.o.maxRetries : 0;
    for (let attempt = 0; ; attempt += 1) {
      const release = await this.slot(org, request, signal);
      let waitMs: number;
      try {
        const outcome = await this.attempt(request, signal);
        this.record(org.breaker, outcome, request);
        const wait = attempt < retries ? this.retryWait(outcome, attempt) : undefined;
        const retry =
          wait !== undefined &&
          !signal?.aborted &&
          Date.now() + wait < deadlineAt &&
          org.budget.withdraw();
        if (!retry) {
          if (outcome instanceof Response) return await read(outcome);
          throw outcome;
        }
        if (outcome instanceof Response) await outcome.body?.cancel();
        waitMs = wait;
      } finally {
        release();
      }
      await pause(this.o.sleep, waitMs, signal);
      if (signal?.aborted) throw failureOf(signal.reason);
    }
  }

  /** A slot for one try: PROXY_BUSY when none came in time, the deadline's failure after it. */
  private async slot(org: Org, request: UpstreamRequest, signal: AbortSignal | undefined) {
    const transfer = Boolean(request.noDeadline) || isAsyncIterable(request.body);
    try {
      return await org.limiter.acquire({
        caller: request.caller,
        transfer,
        signal,
        waitMs: transfer ? this.o.transferSlotWaitMs : this.o.slotWaitMs,
      });
    } catch (error) {
      if (error instanceof ApiFailure) throw error;
      throw failureOf(error);
    }
  }

  /** Bigin answered, or failed; a call the browser gave up tells nothing about Bigin. */
  private record(
    breaker: CircuitBreaker,
    outcome: Response | ApiFailure,
    request: UpstreamRequest,
  ) {
    const left = request.signal;
    if (outcome instanceof Response) {
      if (FAILING_STATUS.has(outcome.status)) breaker.failed(request.caller);
      else breaker.succeeded();
    } else if (!left?.aborted || isTimeout(left.reason)) breaker.failed(request.caller);
  }

  private async attempt(
    request: UpstreamRequest,
    signal: AbortSignal | undefined,
  ): Promise<Response | ApiFailure> {
    try {
      const { method, url, headers, body } = request;
      if (body !== undefined && isAsyncIterable(body)) {
        return await this.o.sendStreamed(url, { method, headers, body, signal });
      }
      if (request.buffered && body === undefined && !this.options.fetch) {
        return await fetchBuffered(url, { method, headers, ...(signal ? { signal } : {}) });
      }
      return await this.o.fetch(url, {
        method,
        headers,
        body: body ?? null,
        redirect: 'manual',
        signal: signal ?? null,
      });
    } catch (error) {
      return failureOf(error);
    }
  }

  /** How long to wait before retrying a GET; undefined: do not retry. */
  private retryWait(outcome: Response | ApiFailure, attempt: number): number | undefined {
    if (!(outcome instanceof Response)) return this.backoff(attempt);
    if (!RETRYABLE_STATUS.has(outcome.status)) return undefined;
    const retryAfter = parseRetryAfter(outcome.headers.get('retry-after'));
    if (retryAfter !== undefined) {
      return retryAfter <= this.o.maxRetryAfterMs ? retryAfter : undefined;
    }
    // Without a wait time, a 429 means the day's credits are gone: retrying only spends more.
    if (outcome.status === 429) return undefined;
    return this.backoff(attempt);
  }

  /** Full jitter: anywhere between 0 and base * 2^attempt, so that callers do not march in step. */
  private backoff(attempt: number): number {
    return Math.round(this.o.random() * this.o.baseDelayMs * 2 ** attempt);
  }

  private orgFor(orgKey: string): Org {
    let org = this.orgs.get(orgKey);
    if (!org) {
      org = {
        limiter:
          this.options.limiter?.(orgKey) ??
          new SharedSemaphore(new EmbeddedStore({ sweepEveryMs: 0 }), orgKey, this.o.maxInFlight),
        breaker: new CircuitBreaker(this.options.breaker),
        budget: new RetryBudget(this.options.retryBudget),
      };
      this.orgs.set(orgKey, org);
    }
    return org;
  }
}

const isAsyncIterable = (body: unknown): body is AsyncIterable<Uint8Array> =>
  typeof body === 'object' && body !== null && Symbol.asyncIterator in body;

const isTimeout = (error: unknown) =>
  error instanceof DOMException && error.name === 'TimeoutError';

/** A failed try as the browser is told: no answer in time, or no connection (with its cause). */
function failureOf(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  if (isTimeout(error)) return ApiFailure.proxy('PROXY_UPSTREAM_TIMEOUT');
  // The cause (refused, DNS, TLS) helps whoever runs the proxy; it holds no secret.
  const cause =
    (error as { cause?: { code?: unknown } }).cause?.code ?? (error as { code?: unknown }).code;
  return ApiFailure.proxy('PROXY_UPSTREAM_UNREACHABLE', {
    cause: typeof cause === 'string' ? cause : (error as Error).name,
  });
}

/**
 * A signal that aborts after `ms` (a TimeoutError, as AbortSignal.timeout's) or when `left`
 * does, until `done()`. A timer and a listener: AbortSignal.timeout with AbortSignal.any cost
 * some 25 µs of CPU per call, and kept their timer for the whole deadline after the call.
 */
function withDeadline(ms: number, left: AbortSignal | undefined) {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')),
    ms,
  );
  const onLeave = () => controller.abort(left!.reason);
  if (left?.aborted) onLeave();
  else left?.addEventListener('abort', onLeave, { once: true });
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      left?.removeEventListener('abort', onLeave);
    },
  };
}

/** Waits `ms`, or less when `signal` ends the call first. */
async function pause(
  sleep: (ms: number) => Promise<void>,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (!signal) return sleep(ms);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<void>((resolve) => {
    onAbort = resolve;
    signal.addEventListener('abort', onAbort, { once: true });
  });
  await Promise.race([sleep(ms), aborted]);
  signal.removeEventListener('abort', onAbort!);
}

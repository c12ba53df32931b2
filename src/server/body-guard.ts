import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiError } from '../shared/api-contract.ts';
import { ApiFailure, sendApiFailure } from './api-failure.ts';

/** The least a request body must bring in each window while the proxy is reading it. */
export interface BodyMinRate {
  minBytes: number;
  windowMs: number;
}

/**
 * REQUEST_TIMEOUT_SECONDS's default: an hour for a request to arrive whole. Generous on purpose
 * (a 100 MB upload over 1 Mbit/s takes some 14 minutes); the minimum rate below is what lets a
 * stalled sender go.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 3_600_000;
/** CONNECTION_TIMEOUT_SECONDS's default: a connection on which nothing moves for 5 minutes. */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 300_000;

/** Defaults of BODY_MIN_BYTES_PER_WINDOW and BODY_RATE_WINDOW_SECONDS. */
export const DEFAULT_BODY_MIN_RATE: BodyMinRate = { minBytes: 8 * 1024, windowMs: 20_000 };

interface Cut {
  controller: AbortController;
  /** A route reading the body itself answers the cut (an upload, which stops its Bigin call). */
  claimed: boolean;
}

const cuts = new WeakMap<FastifyRequest, Cut>();

function cutOf(request: FastifyRequest): Cut {
  let cut = cuts.get(request);
  if (!cut) {
    cut = { controller: new AbortController(), claimed: false };
    cuts.set(request, cut);
  }
  return cut;
}

/**
 * Says that the route reads this request's body itself and will answer a cut: the signal is
 * aborted, its reason the ApiFailure to answer, when the proxy stops reading the body (too slow,
 * past the limit). transferFor() stops a Bigin call on it.
 */
export function claimBody(request: FastifyRequest): AbortSignal {
  const cut = cutOf(request);
  cut.claimed = true;
  return cut.controller.signal;
}

/** The signal of claimBody(), if the body is being watched or claimed. */
export const bodyCutSignal = (request: FastifyRequest): AbortSignal | undefined =>
  cuts.get(request)?.controller.signal;

/**
 * Stops reading the request's body: nothing more is taken from the connection, the answer (if
 * none has started) says `failure` with `Connection: close`, and the connection is closed after
 * it rather than drained. A route that claimed the body answers itself; otherwise it is answered
 * here; an answer already sent has its connection closed at once.
 */
export function cutBody(request: FastifyRequest, reply: FastifyReply, failure: ApiFailure): void {
  const cut = cutOf(request);
  if (cut.controller.signal.aborted) return;
  const raw = request.raw;
  raw.unpipe();
  raw.pause();
  cut.controller.abort(failure);
  if (reply.sent || reply.raw.headersSent) {
    raw.socket.destroy();
    return;
  }
  reply.header('Connection', 'close');
  if (!cut.claimed) void sendApiFailure(request, reply, failure);
}

/**
 * A request body must keep coming: a window in which fewer than `minBytes` arrive, while the
 * proxy was ready to read them, cuts it with 408 PROXY_BODY_TOO_SLOW (cutBody). A slow link still
 * uploads a large file, for as long as REQUEST_TIMEOUT_SECONDS allows; a sender that stalls, or
 * trickles bytes to hold a connection open, is let go within a window or two.
 *
 * Registered before the path check and the other hooks that may refuse a request, so that a
 * request refused early (its body never read, then drained by Node) is watched too.
 */
export const bodyGuard = fp<{ rate: BodyMinRate | false }>(
  async (app, { rate }) => {
    if (!rate || rate.minBytes <= 0) return;
    app.addHook('onRequest', async (request, reply) => {
      const raw = request.raw;
      const hasBody =
        raw.headers['transfer-encoding'] !== undefined || Number(raw.headers['content-length']) > 0;
      if (hasBody && !raw.complete) watchRate(request, reply, rate);
    });
  },
  { name: 'body-guard', fastify: '5.x' },
);

function watchRate(request: FastifyRequest, reply: FastifyReply, rate: BodyMinRate): void {
  cutOf(request);
  const raw = request.raw;
  const socket = raw.socket;
  let mark = socket.bytesRead;
  // The proxy itself held the body back in this window (Bigin taking the bytes slowly, a hook
  // still running): the sender is not to blame for what did not arrive.
  let held = false;
  const hold = () => (held = true);
  raw.on('pause', hold);
  // Judged after the poll phase (setImmediate): bytes that arrived while the event loop was busy
  // are counted before the window is judged.
  const timer = setInterval(() => setImmediate(judge), rate.windowMs);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    raw.off('pause', hold).off('end', stop).off('close', stop);
    socket.off('close', stop);
  };
  raw.once('end', stop);
  raw.once('close', stop);
  socket.once('close', stop);

  function judge() {
    if (raw.complete || socket.destroyed) return stop();
    const arrived = socket.bytesRead - mark;
    mark = socket.bytesRead;
    const excused = held || raw.readableFlowing !== true || raw.readableLength > 0;
    held = false;
    if (excused || arrived >= rate.minBytes) return;
    stop();
    cutBody(
      request,
      reply,
      ApiFailure.proxy('PROXY_BODY_TOO_SLOW', {
        min_bytes: rate.minBytes,
        window_seconds: rate.windowMs / 1000,
      }),
    );
  }
}

/**
 * Cuts the body (cutBody) as soon as more than `maxBytes` of it have arrived, whatever it
 * declared: a chunked body has no Content-Length to refuse it by. Call it just before the body is
 * first read, in the same tick: the listener sets the body flowing.
 */
export function limitBody(
  request: FastifyRequest,
  reply: FastifyReply,
  maxBytes: number,
  failure: () => ApiFailure,
): void {
  const raw = request.raw;
  let received = 0;
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received <= maxBytes) return;
    raw.off('data', count);
    cutBody(request, reply, failure());
  };
  raw.on('data', count);
}

/** `promise`, or the cut's failure if the body is cut first. */
export function untilCut<T>(promise: Promise<T>, cut: AbortSignal): Promise<T> {
  // Settled later (the connection closed), it is no longer anybody's.
  promise.catch(() => undefined);
  if (cut.aborted) return Promise.reject(cut.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onCut = () => reject(cut.reason as Error);
    cut.addEventListener('abort', onCut, { once: true });
    promise.then(
      (value) => {
        cut.removeEventListener('abort', onCut);
        resolve(value);
      },
      (error: unknown) => {
        cut.removeEventListener('abort', onCut);
        reject(error as Error);
      },
    );
  });
}

/**
 * Node's server options that keep REQUEST_TIMEOUT_SECONDS: given at the server's creation, as
 * Node wants (set afterwards, a limit under its 60 s for the headers would be read as the headers'
 * limit, and the request's would stay 60 s), with the headers' limit at most the request's; and
 * the limit looked for at a quarter of it, at most every 30 s (Node's own interval).
 */
export function serverTimeouts(requestTimeoutMs: number) {
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: requestTimeoutMs > 0 ? Math.min(60_000, requestTimeoutMs) : 60_000,
    connectionsCheckingInterval:
      requestTimeoutMs > 0
        ? Math.min(30_000, Math.max(50, Math.floor(requestTimeoutMs / 4)))
        : 30_000,
  };
}

/**
 * Fastify's clientErrorHandler. A request that has not arrived whole within
 * REQUEST_TIMEOUT_SECONDS is answered 408 PROXY_REQUEST_TIMEOUT in the app's envelope (Fastify's
 * own answer is not one the app reads), then the connection closed; an upload's call to Bigin
 * ends with it, before its end. Anything else is answered as Fastify does: 431 or 400.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // An answer already begun on this connection cannot be followed by another.
  const answering = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || answering?.headersSent) {
    socket.destroy(error);
    return;
  }
  const failure =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? ApiFailure.proxy('PROXY_REQUEST_TIMEOUT')
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? new ApiFailure(431, 'PROXY_BAD_REQUEST', 'The request headers are too large')
        : ApiFailure.proxy('PROXY_BAD_REQUEST');
  const envelope: ApiError = {
    code: failure.code,
    details: failure.details,
    message: failure.message,
    status: 'error',
    requestId: randomUUID(),
  };
  const body = JSON.stringify(envelope);
  const status = failure.httpStatus;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}

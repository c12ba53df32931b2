import { pipeline, Readable, Transform } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { FastifyReply, onSendHookHandler } from 'fastify';
import { ApiFailure } from '../api-failure.ts';
import { bodyCutSignal } from '../body-guard.ts';
import { ShutdownCutoff } from '../lifecycle.ts';

/** A transfer that moves no byte for this long is given up (Bigin stalled, or the browser). */
export const TRANSFER_IDLE_MS = 30_000;

/**
 * One streamed call to Bigin: aborted when the browser goes away, or when no byte has moved for
 * `idleMs`. A large file has no overall deadline; a stalled one does.
 */
export class Transfer {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly idleMs = TRANSFER_IDLE_MS) {
    this.touch();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Bytes moved: the idle timer starts again. */
  touch(): void {
    clearTimeout(this.timer);
    if (this.controller.signal.aborted) return;
    this.timer = setTimeout(
      () => this.abort(new DOMException('no byte moved in time', 'TimeoutError')),
      this.idleMs,
    );
    this.timer.unref();
  }

  abort(reason: unknown = new DOMException('the browser went away', 'AbortError')): void {
    clearTimeout(this.timer);
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  done(): void {
    clearTimeout(this.timer);
  }

  /** Aborts the upstream call when the browser closes the connection before the answer ends. */
  abortWhenClientLeaves(reply: FastifyReply): void {
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) this.abort();
      else this.done();
    });
  }

  /** A pass-through that restarts the idle timer on every chunk. */
  meter(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        this.touch();
        callback(null, chunk);
      },
    });
  }
}

/** Headers that replace the app's page headers on an answer carrying a file's bytes. */
export interface FileHeaders {
  /** `sandbox`: the bytes, whatever they are, never run as a document of the app's origin. */
  csp: string;
  /**
   * `DENY`, or `SAMEORIGIN` for a preview shown in the app's own frame; none when the CSP's
   * `frame-ancestors` alone decides (a preview inside an embedded widget, whose host is another
   * site: X-Frame-Options would refuse it).
   */
  frameOptions: 'DENY' | 'SAMEORIGIN' | null;
}

const fileHeaders = new WeakMap<FastifyReply, FileHeaders>();

/**
 * A route-level `onSend` hook runs after the app-wide one, which sets the app's own CSP: this
 * puts the file's back. Error envelopes keep the app's headers.
 */
export const restoreFileHeaders: onSendHookHandler = async (_request, reply, payload) => {
  const headers = fileHeaders.get(reply);
  if (headers && reply.statusCode < 300) {
    reply.header('Content-Security-Policy', headers.csp);
    if (headers.frameOptions) reply.header('X-Frame-Options', headers.frameOptions);
    else reply.removeHeader('X-Frame-Options');
  }
  return payload;
};

/** Marks `reply` as carrying a file's bytes: nosniff, and `headers` in place of the app's. */
export function useFileHeaders(reply: FastifyReply, headers: FileHeaders): void {
  fileHeaders.set(reply, headers);
  reply.header('X-Content-Type-Options', 'nosniff');
}

export interface StreamedFile {
  contentType: string;
  disposition?: string;
  length?: string | null;
  headers: FileHeaders;
}

/**
 * Pipes Bigin's answer to the browser as it arrives (never held whole), and resolves once the
 * answer has ended, so that the call keeps its place among Bigin's calls in flight until then.
 */
export async function streamToBrowser(
  reply: FastifyReply,
  response: Response,
  transfer: Transfer,
  file: StreamedFile,
): Promise<void> {
  useFileHeaders(reply, file.headers);
  reply.header('Content-Type', file.contentType);
  if (file.disposition) reply.header('Content-Disposition', file.disposition);
  if (file.length && /^\d+$/.test(file.length)) reply.header('Content-Length', file.length);
  const body = response.body ? Readable.fromWeb(response.body as never) : Readable.from([]);
  // A break on Bigin's side ends the answer early, so the browser sees an incomplete file; the
  // browser's leaving destroys the chain back to Bigin's body, which cancels the call.
  const metered = pipeline(body, transfer.meter(), () => undefined);
  transfer.touch();
  void reply.send(metered);
  await finished(reply.raw).catch(() => undefined);
  transfer.done();
}

/**
 * Bigin answers 204 with no body for an attachment id it does not have (CRM's getAttachmentById):
 * that is no file at all, never an empty one. Throws PROXY_ATTACHMENT_GONE for it.
 */
export async function requireAttachmentBytes(
  response: Response,
  attachmentId: string,
): Promise<void> {
  if (response.status !== 204) return;
  await discardBody(response);
  throw ApiFailure.proxy('PROXY_ATTACHMENT_GONE', { attachment_id: attachmentId });
}

/** Cancels a body the proxy will not pass on, so the connection is freed at once. */
export async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/**
 * A transfer that the browser's leaving stops, the end of a shutdown's grace period
 * (lifecycle.ts), and the cut of the request's body.
 */
export function transferFor(reply: FastifyReply): Transfer {
  const transfer = new Transfer();
  transfer.abortWhenClientLeaves(reply);
  // The request's body was cut (too slow, past the limit: body-guard.ts): the call stops too.
  const bodyCut = bodyCutSignal(reply.request);
  if (bodyCut) {
    const stop = () => transfer.abort(bodyCut.reason);
    if (bodyCut.aborted) stop();
    else {
      bodyCut.addEventListener('abort', stop, { once: true });
      reply.raw.once('close', () => bodyCut.removeEventListener('abort', stop));
    }
  }
  const cutoff = reply.server.lifecycle?.cutoff;
  if (cutoff) {
    const stop = () => transfer.abort(cutoff.reason);
    if (cutoff.aborted) stop();
    else {
      cutoff.addEventListener('abort', stop, { once: true });
      reply.raw.once('close', () => cutoff.removeEventListener('abort', stop));
    }
  }
  return transfer;
}

/** Whether `transfer` was stopped because the instance is shutting down. */
export const cutByShutdown = (transfer: Transfer) =>
  transfer.signal.reason instanceof ShutdownCutoff;

import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CallerContext } from '../zoho/bigin-client.ts';

const leaving = new WeakMap<FastifyRequest, AbortController>();

/**
 * An onRequest hook: the request's calls to Bigin are aborted (and their slots freed) when the
 * browser closes the connection before its answer is sent: a listing as much as a download.
 */
export async function abortWhenBrowserLeaves(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const controller = new AbortController();
  leaving.set(request, controller);
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) {
      controller.abort(new DOMException('the browser went away', 'AbortError'));
    }
  });
}

const hash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 16);

/**
 * Who a request's calls to Bigin are for, in the organisation's fair share: its embed link, else
 * its session (a frame token's too), else its address. Hashed: the key is kept in the state store.
 */
export function callerOf(request: FastifyRequest): CallerContext {
  const caller = request.embedGrant
    ? `link-${hash(JSON.stringify(request.embedGrant))}`
    : request.session?.id
      ? `session-${hash(request.session.id)}`
      : `ip-${hash(request.ip)}`;
  return { caller, signal: leaving.get(request)?.signal };
}

import type { FastifyRequest } from 'fastify';
import { BiginFailure } from './bigin-failure.ts';

/**
 * Refuses an upload whose body does not state its length (`Transfer-Encoding: chunked`, no
 * `Content-Length`), as a strict server does: 411 Length Required. Zoho's pages and SDKs always
 * send a sized multipart and nothing says Bigin takes a chunked one, so the sandbox does not
 * either, and a client that starts sending chunked fails here rather than at Zoho.
 *
 * The answer is Bigin's error envelope, as every other refusal of the sandbox, so that a client
 * reads it as it reads Bigin's: `REQUIRED_PARAM_MISSING` is Bigin's code for something required
 * that the request left out, and `param_name` (its documented detail) names the header. A body
 * of no length at all (no body, no `Transfer-Encoding`) is not refused: it is sized, at zero.
 * Called first in each upload handler, before the body is read.
 */
export function requireSizedBody(request: FastifyRequest): void {
  const { headers } = request;
  if (headers['content-length'] === undefined && headers['transfer-encoding'] !== undefined) {
    throw new BiginFailure(
      'REQUIRED_PARAM_MISSING',
      { param_name: 'Content-Length' },
      'a Content-Length header is required',
      { status: 411 },
    );
  }
}

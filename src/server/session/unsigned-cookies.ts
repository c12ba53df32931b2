import type { UnsignResult } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';

/**
 * What unsigning a cookie's value gave, kept for the values seen last: a browser sends the same
 * signed value with each of its requests, and each unsigning is an HMAC-SHA256 of its own (some
 * 5-10 µs of CPU per request). The answer depends only on the value and the secrets, which do not
 * change while the process runs. Only values that unsign are kept (nobody can make more of those
 * than the proxy signed), at most `max`; past it, all are forgotten at once.
 */
export class UnsignedCookies {
  private readonly seen = new Map<string, UnsignResult>();

  constructor(private readonly max = 10_000) {}

  unsign(request: FastifyRequest, raw: string): UnsignResult {
    const known = this.seen.get(raw);
    if (known) return known;
    const result = request.unsignCookie(raw);
    if (result.valid) {
      if (this.seen.size >= this.max) this.seen.clear();
      this.seen.set(raw, result);
    }
    return result;
  }
}

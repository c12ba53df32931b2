import type { FastifyReply, FastifyRequest } from 'fastify';

/** The API's JSON answers are gzipped from this size up (@fastify/compress's threshold). */
export const API_COMPRESS_THRESHOLD = 2048;
/** How the API's JSON answers are gzipped (@fastify/compress's zlibOptions, api-routes.ts). */
export const API_GZIP_OPTIONS = { level: 1 };

/**
 * Whether the compression plugin (gzip its only encoding) would gzip this request's answer,
 * said only where that is plain: an Accept-Encoding naming gzip (or x-gzip, or *) with no
 * weights at all, as browsers send it, and no X-No-Compression. Anything else (a weight, which
 * may refuse gzip) says no, and the plugin decides as before.
 */
export function takesGzip(request: FastifyRequest): boolean {
  const header = request.headers['accept-encoding'];
  if (typeof header !== 'string' || header.includes(';')) return false;
  if (request.headers['x-no-compression'] !== undefined) return false;
  return header
    .toLowerCase()
    .split(',')
    .some((coding) => GZIP.has(coding.trim()));
}
const GZIP = new Set(['gzip', 'x-gzip', '*']);

/** `Vary: accept-encoding`, added as the compression plugin adds it. */
export function varyOnEncoding(reply: FastifyReply): void {
  const vary = reply.getHeader('Vary');
  if (vary === undefined) return void reply.header('Vary', 'accept-encoding');
  const values = (Array.isArray(vary) ? vary : [String(vary)]).map(String);
  if (!values.some((v) => v.includes('accept-encoding'))) {
    reply.header('Vary', values.concat('accept-encoding').join(', '));
  }
}

import fp from 'fastify-plugin';
import { ApiFailure, sendApiFailure } from './api-failure.ts';

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * The one spelling of a request's path that the app answers to: percent-encoded unreserved
 * characters decoded (`/%61pi` is `/api`), backslashes read as slashes (as browsers do), doubled
 * slashes collapsed and dot segments (`.`, `..`, `%2e`) resolved. Other encodings (`%2F`, `%20`)
 * are kept as they are: they are a segment's content, not its structure.
 */
export function canonicalPath(path: string): string {
  const decoded = path
    .replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
      const character = String.fromCharCode(Number.parseInt(hex, 16));
      return UNRESERVED.test(character) ? character : escape;
    })
    .replaceAll('\\', '/');
  const segments = decoded.split('/').slice(1);
  const kept: string[] = [];
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '..') kept.pop();
    if (segment === '.' || segment === '..' || (segment === '' && !last)) {
      if (last) kept.push('');
      return;
    }
    kept.push(segment);
  });
  return `/${kept.join('/')}`;
}

/**
 * Every decision the proxy takes on a path (the rate limit, `no-store`, the sign-in gate, the
 * CSP, the allow-list) is taken on one spelling of it. A request spelled otherwise is refused
 * before any of them runs: 400 for the API, sign-in and anything but a page fetch, a 308 to the
 * canonical address for a page (a hand-typed `/Contacts//1` still lands).
 */
export const canonicalPaths = fp(
  async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      const url = request.raw.url ?? '/';
      const queryAt = url.indexOf('?');
      const path = queryAt === -1 ? url : url.slice(0, queryAt);
      const canonical = canonicalPath(path);
      if (canonical === path) return;
      const isPage =
        (request.method === 'GET' || request.method === 'HEAD') &&
        !/^\/(?:api|auth)(?:\/|$)/.test(canonical);
      if (isPage) {
        const query = queryAt === -1 ? '' : url.slice(queryAt);
        return reply.header('Cache-Control', 'no-store').redirect(`${canonical}${query}`, 308);
      }
      return sendApiFailure(
        request,
        reply,
        ApiFailure.proxy('PROXY_BAD_REQUEST', { reason: 'non-canonical path' }),
      );
    });
  },
  { name: 'canonical-paths', fastify: '5.x' },
);

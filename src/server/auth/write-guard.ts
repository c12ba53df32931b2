import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import { ApiFailure } from '../api-failure.ts';
import { stateUnavailable } from '../state/state-store.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `own`: the route proves its caller itself, and the guard leaves it alone: the frame's code
     * exchange, whose one-time code is bound to an origin and a nonce, from a frame that has
     * neither a session nor its CSRF token (frame-sign-in-routes.ts).
     */
    writeGuard?: 'own';
  }
}

export interface WriteGuardOptions {
  /** The address users open the app at: its origin is the only one writes may come from. */
  publicUrl: () => string;
}

/**
 * Every write must come from the app itself: the browser says so (`Origin` is this app's,
 * `Sec-Fetch-Site` is same-origin when sent) and the request carries the session's CSRF token in
 * `X-CSRF-Token`, which another site can neither read nor set. Checked before the route's input
 * is validated, after the embed grant.
 */
export const writeGuard = fp<WriteGuardOptions>(
  async (app, { publicUrl }) => {
    app.addHook('preValidation', async (request) => {
      if (!MUTATING.has(request.method)) return;
      if (request.routeOptions.config.writeGuard === 'own') return;
      const origin = request.headers.origin;
      const site = request.headers['sec-fetch-site'];
      const expected = new URL(publicUrl()).origin;
      const sameOrigin =
        (origin === undefined || origin === expected) &&
        (site === undefined || site === 'same-origin') &&
        (origin !== undefined || site !== undefined);
      if (!sameOrigin) throw ApiFailure.proxy('PROXY_CSRF', { reason: 'not same-origin' });
      // A signed embed link or a frame token travels in a header no other site can set: it needs
      // no CSRF token.
      if (request.embedGrant || request.frameToken) return;

      const session = request.session;
      if (request.sessionUnavailable) throw stateUnavailable();
      if (!session) throw ApiFailure.proxy('PROXY_SIGNED_OUT');
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !equalSecrets(sent, session.csrfToken)) {
        throw ApiFailure.proxy('PROXY_CSRF', { reason: 'missing or wrong X-CSRF-Token' });
      }
    });
  },
  { name: 'write-guard', fastify: '5.x', dependencies: ['sessions', 'embed-grant'] },
);

function equalSecrets(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

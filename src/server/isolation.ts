import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiFailure, sendApiFailure } from './api-failure.ts';
import { bearerOf } from './embed/embed-grant.ts';
import { sendCrossSiteProblemPage } from './problem-page.ts';

/** A year: the browser then never tries plain http for this host again within it. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

export interface IsolationOptions {
  /** The address users open the app at (PUBLIC_URL, or where it listens). */
  publicUrl: () => string;
}

const isApi = (request: FastifyRequest) => /^\/api(?:[/?]|$)/.test(request.url);

/**
 * What keeps the API's answers to the app's own pages, and the app on https:
 * - `Cross-Origin-Resource-Policy: same-origin` on every /api answer: another site cannot load
 *   one into a page of its own (an `<img>`, a `<script>`, a no-cors fetch). The widget needs no
 *   exception: it is a page of this origin, framed by its host, and asks the API from here;
 *   its thumbnails and previews are loaded by the widget, and a download or a preview's frame
 *   is a navigation, which CORP does not govern.
 * - A GET or HEAD another site started (`Sec-Fetch-Site: cross-site`: a link, an image, a form
 *   on another site) is refused, 403 PROXY_CROSS_SITE, unless it carries an embed link
 *   (`?embed_token=`, or `Authorization: Bearer`): the session's cookie rides along on a link
 *   followed from another site, and would otherwise download a file for whoever wrote the link.
 *   Writes are the write guard's (same origin and X-CSRF-Token).
 * - `Strict-Transport-Security` on every answer to a request that came over https (itself, or
 *   through a proxy TRUST_PROXY believes: X-Forwarded-Proto), and on every answer when
 *   PUBLIC_URL is https (a balancer that ends TLS, not named in TRUST_PROXY: users open https
 *   either way, and a browser ignores the header on an answer over http). Never otherwise: a
 *   plain http `localhost` must stay reachable.
 */
export const isolation = fp<IsolationOptions>(
  async (app, { publicUrl }) => {
    app.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (request.headers['sec-fetch-site'] !== 'cross-site' || !isApi(request)) return;
      if (bearerOf(request) !== undefined) return;
      const failure = ApiFailure.proxy('PROXY_CROSS_SITE');
      // A link followed from another site shows a page that says where to go instead.
      if (request.headers['sec-fetch-mode'] === 'navigate') {
        return sendCrossSiteProblemPage(request, reply, failure);
      }
      return sendApiFailure(request, reply, failure);
    });
    app.addHook('onSend', async (request, reply) => {
      if (isApi(request)) reply.header('Cross-Origin-Resource-Policy', 'same-origin');
      if (request.protocol === 'https' || publicUrl().startsWith('https:')) {
        reply.header('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
      }
    });
  },
  { name: 'isolation', fastify: '5.x' },
);

import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FRAME_NONCE_HASH_PARAM,
  embedPaths,
  frameTokenRequestSchema,
  frameTokenSchema,
  nonceHashSchema,
} from '../../shared/embed-contract.ts';
import { EMBED_MESSAGE_SOURCE } from '../../shared/embed-messages.ts';
import { ApiFailure } from '../api-failure.ts';
import { apiPaths } from '../../shared/api-contract.ts';
import { embedFailure } from './embed-token.ts';
import { FRAME_TOKEN_IDLE_MS } from './frame-tokens.ts';

export interface FrameSignInRoutesOptions {
  /** The address users open the app at: the widget's frames run at its origin. */
  publicUrl: () => string;
  /** Whether users sign in at all (not in service mode, where these routes are not found). */
  canSignIn: boolean;
}

const pageQuerySchema = z.object({
  [FRAME_NONCE_HASH_PARAM]: nonceHashSchema,
  /** Set on the way back from Zoho's sign-in: no second trip there if the cookie did not stick. */
  back: z.literal('1').optional(),
});

const HAND_OVER_SCRIPT = '/frame-sign-in.js';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * The frame's sign-in, under `/auth` (docs/decisions/008-frame-sign-in.md):
 *
 * - `GET /auth/frame-sign-in?nonce_sha256=...`, in a window the frame opened: signs the user in
 *   with Zoho when this browser's own (first-party) cookie names no session, then makes a
 *   one-time code for that session, bound to the app's origin and the nonce's hash, and hands it
 *   to the window's opener with postMessage at the app's exact origin.
 * - `POST /auth/frame-token` `{code, nonce}`, from the frame: takes the code (once, within its
 *   minute, from the origin it was made for, with the nonce it was made for) and answers a frame
 *   token for the same session.
 */
export const frameSignInRoutes = fp<FrameSignInRoutesOptions>(
  async (auth, options) => {
    const app = auth.withTypeProvider<ZodTypeProvider>();
    const origin = () => new URL(options.publicUrl()).origin;

    app.get(
      '/frame-sign-in',
      {
        schema: { querystring: pageQuerySchema },
        config: { noStore: true, rateLimited: true, failurePage: 'sign-in' },
      },
      async (request, reply) => {
        if (!options.canSignIn) throw ApiFailure.proxy('PROXY_NOT_FOUND');
        // The session's cookie is the public origin's: the window must be there to read it.
        const publicUrl = new URL(options.publicUrl());
        if (request.host !== publicUrl.host) {
          return reply.redirect(`${publicUrl.origin}${request.url}`, 302);
        }
        const nonceHash = request.query[FRAME_NONCE_HASH_PARAM];
        const session = request.session;
        if (!session || !app.sessions.isSignedIn(request)) {
          // Back from Zoho with no session: this window keeps no cookie either. Say so, once.
          if (request.query.back) throw ApiFailure.proxy('PROXY_SIGNED_OUT');
          const back = `${embedPaths.frameSignIn(nonceHash)}&back=1`;
          return reply.redirect(apiPaths.signIn(back), 302);
        }
        const code = await app.frameTokens.mintCode(
          { sessionId: session.id, origin: origin() },
          nonceHash,
        );
        return reply
          .type('text/html; charset=utf-8')
          .send(handOverPage(code, origin(), session.user?.name));
      },
    );

    app.get('/frame-sign-in.js', { config: { noStore: true } }, async (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').send(handOverScript()),
    );

    app.post(
      '/frame-token',
      {
        schema: { body: frameTokenRequestSchema, response: { 200: frameTokenSchema } },
        // The code and its nonce prove the caller; the frame has no session nor CSRF token.
        config: { noStore: true, rateLimited: true, writeGuard: 'own' },
      },
      async (request) => {
        if (!options.canSignIn) throw ApiFailure.proxy('PROXY_NOT_FOUND');
        // The browser names the page that sent this; a cross-site request counts as no origin.
        const site = request.headers['sec-fetch-site'];
        const from =
          site === undefined || site === 'same-origin' ? (request.headers.origin ?? '') : '';
        const holder = await app.frameTokens.takeCode(request.body.code, {
          origin: from,
          nonce: request.body.nonce,
        });
        const session = await app.sessions.store.get(holder.sessionId);
        if (!session?.tokens || session.tokens.isRevoked) {
          throw embedFailure('PROXY_EMBED_SESSION_ENDED');
        }
        const token = await app.frameTokens.mintToken(holder);
        request.log.info('frame signed in');
        return {
          token,
          idleSeconds: FRAME_TOKEN_IDLE_MS / 1000,
          ...(session.user ? { user: session.user } : {}),
        };
      },
    );
  },
  {
    name: 'frame-sign-in-routes',
    fastify: '5.x',
    encapsulate: true,
    dependencies: ['sessions', 'frame-auth', 'write-guard', 'error-handler'],
  },
);

/** The sign-in window's last page: the code, for its script to post to the frame. */
function handOverPage(code: string, origin: string, name: string | undefined): string {
  const who = name ? ` as ${escapeHtml(name)}` : '';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Signed in: Bigin Attachments</title>
<script src="/auth${HAND_OVER_SCRIPT}" defer></script></head>
<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 2rem auto; padding: 0 1rem">
<main id="hand-over" data-code="${escapeHtml(code)}" data-origin="${escapeHtml(origin)}">
<h1>You are signed in${who}</h1>
<p id="status" role="status">Handing your sign-in to the attachments widget…</p>
</main>
</body>
</html>
`;
}

/**
 * Posts the code to the window that opened this one, at the app's exact origin: a page of any
 * other origin that opened the sign-in gets nothing (the browser does not deliver it). A plain
 * script: the page's CSP runs no inline code.
 */
function handOverScript(): string {
  return `(function () {
  'use strict';
  var main = document.getElementById('hand-over');
  var status = document.getElementById('status');
  var opener = window.opener;
  if (!main || !opener) {
    status.textContent = 'This window lost track of the widget that opened it. Close it, go back to the widget and press its sign-in button again: Zoho will not ask again.';
    return;
  }
  opener.postMessage(
    { source: ${JSON.stringify(EMBED_MESSAGE_SOURCE)}, type: 'sign-in-code', code: main.dataset.code },
    main.dataset.origin
  );
  status.textContent = 'Done: this window closes itself. If it stays open, close it and go back to the widget.';
  window.close();
})();
`;
}

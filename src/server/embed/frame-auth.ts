import fp from 'fastify-plugin';
import type { Sealer } from '../state/sealed.ts';
import { isStateUnavailable, type StateStore } from '../state/state-store.ts';
import type { Session } from '../session/session-store.ts';
import { bearerOf } from './embed-grant.ts';
import { embedFailure } from './embed-token.ts';
import { FrameTokens, isFrameToken } from './frame-tokens.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The frame sign-in's codes and tokens (frame-tokens.ts). */
    frameTokens: FrameTokens;
  }
  interface FastifyRequest {
    /** The frame token this request carries, once it named a live session; null otherwise. */
    frameToken: string | null;
  }
}

export interface FrameAuthOptions {
  store: StateStore;
  sealer: Sealer;
  now?: (() => number) | undefined;
}

/**
 * A frame token (`Authorization: Bearer bf1....`, or `?embed_token=` on what the browser fetches
 * itself) stands for the session it was issued for: the request gets that session, the user's own
 * Zoho tokens and permissions, as a cookie would have given it. A token past its time, or whose
 * session has ended, is refused with 401 PROXY_EMBED_SESSION_ENDED before any route runs, so that
 * the widget says so rather than acting as nobody. Registered before the rate limit, which counts
 * per session.
 */
export const frameAuth = fp<FrameAuthOptions>(
  async (app, options) => {
    const frames = new FrameTokens(options);
    app.decorate('frameTokens', frames);
    app.decorateRequest('frameToken', null);
    app.addHook('onRequest', async (request) => {
      const token = bearerOf(request);
      if (token === undefined || !isFrameToken(token)) return;
      // The token, not a cookie the browser may also have sent, says who this is.
      request.session = null;
      let session: Session | undefined;
      try {
        const holder = await frames.holderOf(token);
        session = holder && (await app.sessions.store.get(holder.sessionId));
      } catch (error) {
        if (!isStateUnavailable(error)) throw error;
        // As for a cookie: the routes answer PROXY_STATE_UNAVAILABLE, and the widget retries.
        request.sessionUnavailable = true;
        request.frameToken = token;
        return;
      }
      if (!session?.tokens || session.tokens.isRevoked) {
        await frames.revoke(token).catch(() => undefined);
        throw embedFailure('PROXY_EMBED_SESSION_ENDED');
      }
      request.session = session;
      request.frameToken = token;
    });
  },
  { name: 'frame-auth', fastify: '5.x', dependencies: ['sessions', 'embed-grant'] },
);

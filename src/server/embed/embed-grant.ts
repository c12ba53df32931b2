import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  EMBED_TOKEN_PARAM,
  type EmbedAction,
  type EmbedClaims,
} from '../../shared/embed-contract.ts';
import { embedFailure, verifyEmbedToken } from './embed-token.ts';
import { isFrameToken } from './frame-tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed embed link this request carries, verified; null for everyone else. */
    embedGrant: EmbedClaims | null;
  }
  interface FastifyContextConfig {
    /**
     * What a signed embed link must grant to use the route: one action; `any` for what every
     * link may read (the session, the embed context); `none`, or nothing said, for what no link
     * reaches (module lists, search, other records). A new route is closed to links until it
     * names its action.
     */
    embedAction?: EmbedAction | 'any' | 'none';
  }
}

export interface EmbedGrantOptions {
  /** EMBED_SECRET; signed links are refused when absent. */
  secret: string | undefined;
  /** Whether the service credentials exist that grants act with. */
  canServe: boolean;
  now?: () => number;
}

/**
 * The bearer a request carries (a signed link, or a frame token: frame-auth.ts):
 * `Authorization: Bearer`, or (GETs only) `?embed_token=`.
 */
export function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  // A download is a navigation, which cannot carry a header: the token rides in its link.
  if (request.method === 'GET') {
    const value = (request.query as Record<string, unknown> | undefined)?.[EMBED_TOKEN_PARAM];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * Verifies the signed embed link a request carries, and holds the request to its grant before
 * the route's input is even validated: the route must name an action the link grants
 * (`config.embedAction`), and the module and record must be the link's. Requests without a link
 * are left to the session.
 */
export const embedGrant = fp<EmbedGrantOptions>(
  async (app, options) => {
    app.decorateRequest('embedGrant', null);
    app.addHook('onRequest', async (request) => {
      const token = bearerOf(request);
      // A frame token stands for a session, not a grant: frame-auth.ts reads it.
      if (token === undefined || isFrameToken(token)) return;
      if (!options.secret || !options.canServe) throw embedFailure('PROXY_EMBED_DISABLED');
      request.embedGrant = verifyEmbedToken(token, options.secret, options.now?.());
    });
    app.addHook('preValidation', async (request) => {
      const grant = request.embedGrant;
      if (!grant) return;
      const action = request.routeOptions.config.embedAction ?? 'none';
      if (action === 'none') throw embedFailure('PROXY_EMBED_OUT_OF_SCOPE');
      if (action === 'any') return;
      const params = (request.params ?? {}) as Record<string, unknown>;
      if (params.module !== grant.module || params.recordId !== grant.recordId) {
        throw embedFailure('PROXY_EMBED_WRONG_RECORD');
      }
      requireEmbedAction(request, action);
    });
  },
  { name: 'embed-grant', fastify: '5.x' },
);

/**
 * A request made with a signed link must have been granted `action`. Everyone else (signed-in
 * users, service mode) passes.
 */
export function requireEmbedAction(request: FastifyRequest, action: EmbedAction): void {
  const grant = request.embedGrant;
  if (grant && !grant.actions.includes(action)) {
    throw embedFailure('PROXY_EMBED_ACTION_DENIED', { action });
  }
}

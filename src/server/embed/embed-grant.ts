import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  EMBED_TOKEN_PARAM,
  type EmbedAction,
  type EmbedClaims,
} from '../../shared/embed-contract.ts';
import { embedFailure, verifyEmbedToken } from './embed-token.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed embed link this request carries, verified; null for everyone else. */
    embedGrant: EmbedClaims | null;
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
 * Which action each /api route needs from a grant, by method and route pattern (parameter
 * names blanked to `:p`). A route that is not listed is out of a grant's reach: new routes are
 * closed to signed links until they are added here.
 */
const RECORD = '/api/records/:p/:p';
const ROUTE_ACTIONS: Record<string, EmbedAction | 'any'> = {
  'GET /api/embed/context': 'any',
  'GET /api/session': 'any',
  [`GET ${RECORD}`]: 'view',
  [`GET ${RECORD}/attachments`]: 'view',
  [`GET ${RECORD}/photo`]: 'view',
  // Bytes of a file, whether saved, previewed or zipped, are a download.
  [`GET ${RECORD}/attachments/:p`]: 'download',
  [`GET ${RECORD}/attachments/:p/preview`]: 'download',
  [`GET ${RECORD}/attachments/:p/download`]: 'download',
  [`POST ${RECORD}/attachments/zip`]: 'download',
  [`POST ${RECORD}/attachments`]: 'upload',
  [`POST ${RECORD}/photo`]: 'upload',
  [`PUT ${RECORD}/photo`]: 'upload',
  [`DELETE ${RECORD}/attachments`]: 'delete',
  [`DELETE ${RECORD}/attachments/:p`]: 'delete',
  [`DELETE ${RECORD}/photo`]: 'delete',
};

export const routeKey = (method: string, url: string) =>
  `${method} ${url.replace(/:[A-Za-z0-9_]+/g, ':p')}`;

/** The grant a request carries: `Authorization: Bearer`, or (GETs only) `?embed_token=`. */
function tokenOf(request: FastifyRequest): string | undefined {
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
 * Verifies a signed embed link on every /api request that carries one, and holds the request to
 * its grant before any route runs: the module and record must be the link's, and the route's
 * action one the link grants. Requests without a link are left to the session, as before.
 */
export function registerEmbedGrant(app: FastifyInstance, options: EmbedGrantOptions): void {
  app.decorateRequest('embedGrant', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = tokenOf(request);
    if (token === undefined) return;
    if (!options.secret || !options.canServe) throw embedFailure('PROXY_EMBED_DISABLED');
    request.embedGrant = verifyEmbedToken(token, options.secret, options.now?.());
  });
  app.addHook('preHandler', async (request) => {
    const grant = request.embedGrant;
    if (!grant) return;
    const action = ROUTE_ACTIONS[routeKey(request.method, request.routeOptions.url ?? '')];
    if (!action) throw embedFailure('PROXY_EMBED_OUT_OF_SCOPE');
    if (action === 'any') return;
    const params = (request.params ?? {}) as Record<string, unknown>;
    if (params.module !== grant.module || params.recordId !== grant.recordId) {
      throw embedFailure('PROXY_EMBED_WRONG_RECORD');
    }
    requireEmbedAction(request, action);
  });
}

/**
 * For a route to call first thing (one line): a request made with a signed link must have been
 * granted `action`. Everyone else (signed-in users, service mode) passes.
 */
export function requireEmbedAction(request: FastifyRequest, action: EmbedAction): void {
  const grant = request.embedGrant;
  if (grant && !grant.actions.includes(action)) {
    throw embedFailure('PROXY_EMBED_ACTION_DENIED', { action });
  }
}

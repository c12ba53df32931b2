import type { FastifyInstance } from 'fastify';
import type { EmbedContext } from '../../shared/embed-contract.ts';

export interface EmbedRoutesOptions {
  allowedOrigins: () => readonly string[];
}

/**
 * `GET /api/embed/context`: what the embed page needs before it shows anything. The allowed
 * origins are no secret (the page's own CSP names them); the widget posts only to these.
 */
export function registerEmbedRoutes(app: FastifyInstance, options: EmbedRoutesOptions): void {
  app.get('/api/embed/context', async (request): Promise<EmbedContext> => ({
    allowedOrigins: [...options.allowedOrigins()],
    grant: request.embedGrant,
  }));
}

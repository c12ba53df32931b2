import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { embedContextSchema } from '../../shared/embed-contract.ts';

export interface EmbedRoutesOptions {
  allowedOrigins: () => readonly string[];
}

/**
 * `GET /api/embed/context`: what the embed page needs before it shows anything. The allowed
 * origins are no secret (the page's own CSP names them); the widget posts only to these.
 */
export const embedRoutes: FastifyPluginAsyncZod<EmbedRoutesOptions> = async (app, options) => {
  app.get(
    '/embed/context',
    { schema: { response: { 200: embedContextSchema } }, config: { embedAction: 'any' } },
    async (request) => ({
      allowedOrigins: [...options.allowedOrigins()],
      grant: request.embedGrant,
    }),
  );
};

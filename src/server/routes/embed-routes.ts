import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { embedContextSchema } from '../../shared/embed-contract.ts';

export interface EmbedRoutesOptions {
  allowedOrigins: () => readonly string[];
}

/**
 * `GET /api/embed/context`: what the embed page needs before it shows anything. The allowed
 * origins are no secret (the page's own CSP names them); the widget posts only to these.
 * `POST /api/embed/sign-out`: the widget's sign-out, with its frame token (or the session's cookie
 * and CSRF token where the cookie reaches the frame): the sign-in it stands for ends, as with the
 * app's own sign-out, and the token with it.
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

  // Closed to signed links (embedAction none): a link has no sign-in to end.
  app.post('/embed/sign-out', { config: { embedAction: 'none' } }, async (request, reply) => {
    if (request.frameToken) await app.frameTokens.revoke(request.frameToken);
    await app.sessions.end(request, reply);
    return reply.code(204).send();
  });
};

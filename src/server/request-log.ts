import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** The error code each failed answer carried (the proxy's PROXY_*, or Bigin's passed through). */
const failureCodes = new WeakMap<FastifyRequest, string>();

/** Called where a failure is answered, so that the request's line names its code. */
export function noteFailureCode(request: FastifyRequest, code: string): void {
  failureCodes.set(request, code);
}

/**
 * One line per request, when its answer has been sent (in place of Fastify's two): the request
 * id, the method, the route's pattern (`/api/records/:module/:recordId/attachments`, never the
 * address itself, whose ids and query may name a token or a grant code), the status, the time
 * taken, and the error code of a failure. Nothing of the headers, the cookie or the query.
 */
export const requestLog = fp(
  async (app) => {
    app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
      const status = reply.statusCode;
      const line = {
        method: request.method,
        route: request.routeOptions.url ?? '(no route)',
        status,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ...(status >= 400 ? { code: failureCodes.get(request) } : {}),
      };
      if (status >= 500) request.log.warn(line, 'request');
      else request.log.info(line, 'request');
    });
  },
  { name: 'request-log', fastify: '5.x' },
);

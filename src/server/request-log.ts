import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import pino from 'pino';

/** How much of the log may wait in memory for its destination; past it, lines are dropped. */
const LOG_BUFFER_BYTES = 16 * 1024 * 1024;

/**
 * The log's way out (stdout: `1`): lines gathered into writes of 4 kB, or whatever came within
 * a second, written without waiting. One write per line cost a system call per request, and a
 * line that met a full pipe (a log reader falling behind) held every request until it was
 * taken. Lines wait in memory instead, up to LOG_BUFFER_BYTES, and what waits is written when
 * the process exits (not when it is killed).
 */
export const logDestination = (dest: number | string) =>
  pino.destination({
    dest,
    sync: false,
    maxLength: LOG_BUFFER_BYTES,
    minLength: 4096,
    periodicFlush: 1000,
  });

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

import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * Closing, the sandbox also closes the connections that have not sent a request yet. Node's
 * `server.close()` ends the connections idle between requests, but waits for one that has never
 * carried a request until its client lets it go; Node's fetch opens such a connection to replace
 * one whose call was aborted (a proxy stopping mid-download) and may keep it without an idle
 * timer, so the sandbox's close, and the process that runs it, would wait for good.
 */
export function closeUnusedConnections(app: FastifyInstance): void {
  const unused = new Set<Socket>();
  let closing = false;
  app.server.on('connection', (socket: Socket) => {
    if (closing) return void socket.destroy();
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  app.server.on('request', (request: { socket: Socket }) => unused.delete(request.socket));
  app.addHook('preClose', async () => {
    closing = true;
    for (const socket of unused) socket.destroy();
  });
}

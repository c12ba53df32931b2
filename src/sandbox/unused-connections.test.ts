import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildSandbox } from './app.ts';

const opened = (port: number) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
const closedByPeer = (socket: Socket) =>
  new Promise<void>((resolve) => {
    if (socket.closed) resolve();
    else socket.once('close', () => resolve());
  });

describe('closing the sandbox', () => {
  it('ends a connection that has sent no request, rather than waiting for its client', async () => {
    const sandbox = await buildSandbox();
    await sandbox.listen({ host: '127.0.0.1', port: 0 });
    const { port } = sandbox.server.address() as { port: number };
    // A connection opened and never used, as Node's fetch may leave one after an aborted call.
    const unused = await opened(port);
    // And one that carried a request and keeps the connection alive.
    const used = await fetch(`http://127.0.0.1:${port}/oauth/v2/token`, { method: 'POST' });
    await used.arrayBuffer();

    await sandbox.close();
    await closedByPeer(unused);
    expect(unused.closed).toBe(true);
  }, 10_000);
});

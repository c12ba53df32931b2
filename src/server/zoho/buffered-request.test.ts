import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferedBytes, fetchBuffered } from './buffered-request.ts';

let server: Server;
let base = '';
let connections = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/empty') return void res.writeHead(204).end();
    if (req.url === '/silent') return; // never answers
    res.writeHead(200, { 'content-type': 'application/json', 'retry-after': '3' });
    res.end('{"data":[]}');
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('a call whose answer is read whole', () => {
  it('answers the status, the headers and the bytes, over connections kept alive', async () => {
    const before = connections;
    for (let i = 0; i < 20; i += 1) {
      const response = await fetchBuffered(new URL(`${base}/list?page=${i}`), {
        method: 'GET',
        headers: { accept: 'application/json' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('retry-after')).toBe('3');
      expect(bufferedBytes(response)?.toString()).toBe('{"data":[]}');
    }
    expect(connections - before).toBeLessThan(5); // kept alive, not one per call
    const empty = await fetchBuffered(new URL(`${base}/empty`), { method: 'GET', headers: {} });
    expect([empty.status, bufferedBytes(empty)?.length]).toEqual([204, 0]);
  });

  it("fails with the signal's TimeoutError when no answer comes in time", async () => {
    const failure = await fetchBuffered(new URL(`${base}/silent`), {
      method: 'GET',
      headers: {},
      signal: AbortSignal.timeout(100),
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DOMException);
    expect((failure as DOMException).name).toBe('TimeoutError');
  });
});

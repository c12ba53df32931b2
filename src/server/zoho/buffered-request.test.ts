import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncoding, bufferedBytes, fetchBuffered } from './buffered-request.ts';

let server: Server;
let base = '';
let connections = 0;
let asked: IncomingHttpHeaders = {};
beforeAll(async () => {
  server = createServer((req, res) => {
    asked = req.headers;
    if (req.url === '/empty') return void res.writeHead(204).end();
    if (req.url === '/gzipped') {
      const body = gzipSync('{"data":[1,2,3]}');
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': body.length });
      return void res.end(body);
    }
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

  it('asks for gzip over a network, and for the bytes as they are over loopback', () => {
    for (const origin of [
      'https://bigin.example.com',
      'https://www.example.eu',
      'http://10.0.0.7',
    ]) {
      expect(acceptedEncoding(new URL(`${origin}/bigin/v2/Contacts`)), origin).toBe('gzip');
    }
    for (const origin of ['http://127.0.0.1:4100', 'http://localhost:4100', 'http://[::1]:4100']) {
      expect(acceptedEncoding(new URL(`${origin}/bigin/v2/Contacts`)), origin).toBe('identity');
    }
  });

  it('asks for the bytes as they are over loopback, and reads an answer encoded all the same', async () => {
    const plain = await fetchBuffered(new URL(`${base}/list`), { method: 'GET', headers: {} });
    expect(asked['accept-encoding']).toBe('identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const gzipped = await fetchBuffered(new URL(`${base}/gzipped`), {
      method: 'GET',
      headers: {},
    });
    expect(bufferedBytes(gzipped)?.toString()).toBe('{"data":[1,2,3]}');
    expect(gzipped.headers.get('content-encoding')).toBeNull();
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

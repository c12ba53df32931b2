import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'node:http';
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docSampleAttachmentList } from '../shared/doc-samples.ts';
import { proxyOver, type ProxyOver } from './test-support/proxy-over.ts';
import { ScriptedZoho } from './test-support/scripted-zoho.ts';

/** A GET with its raw answer: Node's fetch would undo the content encoding the test checks. */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      request(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
        .on('error', reject)
        .end();
    },
  );
}

const SCRIPT = `export const app = ${JSON.stringify('x'.repeat(5000))};`;
const SOURCE_MAP = JSON.stringify({ version: 3, sources: ['../src/client/secret-plans.ts'] });
let zoho: ScriptedZoho;
let proxy: ProxyOver;

beforeAll(async () => {
  // A build as `vite build` leaves it: hashed assets with their .br and .gz beside them.
  const dist = mkdtempSync(path.join(tmpdir(), 'bigin-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title>');
  const asset = path.join(dist, 'assets', 'index-AbC123.js');
  writeFileSync(asset, SCRIPT);
  writeFileSync(`${asset}.br`, brotliCompressSync(SCRIPT));
  writeFileSync(`${asset}.gz`, gzipSync(SCRIPT));
  // vite.config.ts builds source maps hidden: on the server's disk, beside their bundle.
  writeFileSync(`${asset}.map`, SOURCE_MAP);
  zoho = await new ScriptedZoho().start();
  proxy = await proxyOver(zoho, { app: { staticDir: dist } });
});
afterAll(async () => {
  await proxy.close();
  await zoho.close();
});

describe('bytes on the wire', () => {
  it('serves hashed assets pre-compressed by Accept-Encoding, cached for good', async () => {
    const br = await get(`${proxy.url}/assets/index-AbC123.js`, { 'Accept-Encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toContain('accept-encoding');
    const gzip = await get(`${proxy.url}/assets/index-AbC123.js`, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(SCRIPT);
    const plain = await get(`${proxy.url}/assets/index-AbC123.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('asks for the page itself each time, answering 304 while the build is the same', async () => {
    const page = await get(`${proxy.url}/Contacts/4150868000002728001`);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    const etag = page.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await get(`${proxy.url}/Contacts/4150868000002728001`, {
      'If-None-Match': etag,
    });
    expect(again.status).toBe(304);
  });

  it('never serves a source map, under any spelling or encoding', async () => {
    for (const url of [
      '/assets/index-AbC123.js.map',
      '/assets/index-AbC123.js.map?v=1',
      '/assets/index-AbC123.js.%6Dap',
    ]) {
      for (const encoding of ['', 'gzip, br']) {
        const answer = await get(`${proxy.url}${url}`, { 'Accept-Encoding': encoding });
        // 404; an encoded spelling is first sent to the one spelling (308), which is 404.
        expect([308, 404], `${url} ${encoding}`).toContain(answer.status);
        expect(answer.body.toString()).not.toContain('secret-plans');
      }
    }
  });

  it('compresses a large API answer (a page of attachments), and leaves a small one', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({
      ...docSampleAttachmentList.data[0],
      id: String(4150868000002728012n + BigInt(i)),
    }));
    zoho.bigin = () => ({
      status: 200,
      body: { data: rows, info: { per_page: 200, count: 200, page: 1, more_records: false } },
    });
    const list = await get(`${proxy.url}/api/records/Contacts/1/attachments`, {
      'Accept-Encoding': 'gzip, deflate, br',
    });
    expect(list.headers['content-encoding']).toBe('gzip');
    const json = JSON.parse(gunzipSync(list.body).toString()) as { data: unknown[] };
    expect(json.data).toHaveLength(200);
    expect(list.body.length).toBeLessThan(JSON.stringify(json).length / 5);
    const session = await get(`${proxy.url}/api/session`, { 'Accept-Encoding': 'gzip' });
    expect(session.headers['content-encoding']).toBeUndefined();
  });

  it('sends a page of attachments listed again gzipped with its length, and as asked', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({
      ...docSampleAttachmentList.data[0],
      id: String(4150868000002728012n + BigInt(i)),
    }));
    const body = { data: rows, info: { per_page: 200, count: 200, page: 1, more_records: false } };
    zoho.bigin = () => ({ status: 200, body });
    const page = JSON.stringify({ ...body, unreadable: 0 });
    const list = (encoding?: string) =>
      get(
        `${proxy.url}/api/records/Contacts/2/attachments`,
        encoding === undefined ? {} : { 'Accept-Encoding': encoding },
      );
    for (let i = 0; i < 2; i += 1) {
      const gzipped = await list('gzip, deflate, br, zstd');
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.headers['vary']).toContain('accept-encoding');
      expect(gzipped.headers['content-length']).toBe(String(gzipped.body.length));
      expect(gunzipSync(gzipped.body).toString()).toBe(page);
    }
    // A weight that refuses gzip, or no Accept-Encoding: the page as it is.
    for (const encoding of ['gzip;q=0, identity', undefined]) {
      const plain = await list(encoding);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe(page);
    }
  });
});

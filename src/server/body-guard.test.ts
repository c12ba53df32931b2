import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyOver, type ProxyOver } from './test-support/proxy-over.ts';
import {
  rawConnection,
  rawUpload,
  writeAll,
  writeHeaderLines,
  writeSteadily,
} from './test-support/raw-upload.ts';
import { ScriptedZoho } from './test-support/scripted-zoho.ts';

const ATTACHMENTS = '/api/records/Contacts/4150868000002728001/attachments';
const MB = 1024 * 1024;

let zoho: ScriptedZoho;
let proxy: ProxyOver;
/** The header lines of a write the app sends. */
let writeHeaders: string[];
beforeAll(async () => {
  zoho = await new ScriptedZoho().start();
  zoho.bigin = () => ({
    status: 200,
    body: { data: [{ code: 'SUCCESS', details: { id: '1' }, message: 'ok', status: 'success' }] },
  });
  // A short window, so that the test does not wait twenty seconds for the proxy to judge.
  proxy = await proxyOver(zoho, {
    app: { bodyMinRate: { minBytes: 1024, windowMs: 300 }, maxUploadBytes: 64 * MB },
  });
  writeHeaders = await writeHeaderLines(proxy.url);
});
afterAll(async () => {
  await proxy.close();
  await zoho.close();
});

const uploadOf = (size: number, name: string) => rawUpload(ATTACHMENTS, writeHeaders, size, name);
const uploadsAtBigin = () => zoho.biginCallList.filter((c) => c.method === 'POST');

describe('a request body slower than the minimum rate', () => {
  it('an upload that stops sending is answered 408 and its connection closed; Bigin keeps nothing', async () => {
    const uploads = uploadsAtBigin().length;
    const { socket, answer, closed } = rawConnection(proxy.url);
    const { request } = uploadOf(100_000, 'slow.bin');
    socket.write(request + 'a'.repeat(100));
    // ...and nothing more: a sender that stalled, or one holding the connection on purpose.
    await closed;
    expect(answer()).toMatch(/^HTTP\/1\.1 408/);
    expect(answer()).toMatch(/\r\nconnection: close\r\n/i);
    expect(answer()).toContain('PROXY_BODY_TOO_SLOW');
    expect(uploadsAtBigin()).toHaveLength(uploads);
  });

  it('a link whose JSON body trickles is answered 408 and its connection closed', async () => {
    const uploads = uploadsAtBigin().length;
    const { socket, answer, closed } = rawConnection(proxy.url);
    const body = JSON.stringify({ attachmentUrl: 'https://example.com/a' });
    socket.write(
      [
        `POST ${ATTACHMENTS} HTTP/1.1`,
        'Host: 127.0.0.1',
        ...writeHeaders,
        'Content-Type: application/json',
        `Content-Length: ${body.length}`,
        '',
        body.slice(0, 5),
      ].join('\r\n'),
    );
    // One byte now and then: never enough in a window.
    await writeSteadily(socket, Buffer.from(body.slice(5, -1)), { piece: 1, everyMs: 100 });
    await closed;
    expect(answer()).toMatch(/^HTTP\/1\.1 408/);
    expect(answer()).toContain('PROXY_BODY_TOO_SLOW');
    expect(uploadsAtBigin()).toHaveLength(uploads);
  });
});

describe('a request body at or above the minimum rate', () => {
  it('an upload on a slow but steady link arrives whole', async () => {
    const { socket, answer } = rawConnection(proxy.url);
    const file = Buffer.alloc(48 * 1024, 'b');
    const { request, tail } = uploadOf(file.length, 'steady.bin');
    socket.write(request);
    // 2 KiB every 40 ms: some 15 KiB a window, over several windows.
    await writeSteadily(socket, file, { piece: 2048, everyMs: 40 });
    socket.write(tail);
    await expect.poll(answer, { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 200/);
    expect(uploadsAtBigin().at(-1)?.body).toContain(file.toString());
    socket.destroy();
  });

  it('an upload that Bigin takes slowly is not cut: the proxy held the body back, not the sender', async () => {
    const { socket, answer } = rawConnection(proxy.url);
    // Larger than every buffer on the way, so that the proxy stops reading while Bigin does not.
    const file = Buffer.alloc(40 * MB, 'c');
    const { request, tail } = uploadOf(file.length, 'held.bin');
    zoho.holdBodyMs = 1500;
    try {
      socket.write(request);
      await writeAll(socket, file);
      socket.write(tail);
      await expect.poll(answer, { timeout: 20_000 }).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      zoho.holdBodyMs = 0;
      socket.destroy();
    }
    expect(uploadsAtBigin().at(-1)?.body.length).toBeGreaterThan(file.length);
  }, 30_000);
});

describe('a request longer than REQUEST_TIMEOUT_SECONDS', () => {
  it('is answered 408 PROXY_REQUEST_TIMEOUT and its connection closed, however steady; Bigin keeps nothing', async () => {
    // A limit of one second, and no minimum rate: only the whole request's time counts.
    const timed = await proxyOver(zoho, { app: { requestTimeoutMs: 1000, bodyMinRate: false } });
    try {
      const uploads = uploadsAtBigin().length;
      const { socket, answer, closed } = rawConnection(timed.url);
      const file = Buffer.alloc(1 * MB, 'd');
      const { request } = rawUpload(
        ATTACHMENTS,
        await writeHeaderLines(timed.url),
        file.length,
        'long.bin',
      );
      socket.write(request);
      // Some 20 s at this pace, were it let through.
      await writeSteadily(socket, file, { piece: 2048, everyMs: 40 });
      await closed;
      expect(answer()).toMatch(/^HTTP\/1\.1 408/);
      expect(answer()).toMatch(/\r\nconnection: close\r\n/i);
      expect(answer()).toContain('PROXY_REQUEST_TIMEOUT');
      expect(uploadsAtBigin()).toHaveLength(uploads);
    } finally {
      await timed.close();
    }
  });
});

import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_SIZE_FIELD } from '../shared/api-contract.ts';
import { TestBrowser } from './test-support/browser.ts';
import { proxyOver, type ProxyOver } from './test-support/proxy-over.ts';
import { ScriptedZoho } from './test-support/scripted-zoho.ts';

const ATTACHMENTS = '/api/records/Contacts/4150868000002728001/attachments';
const MB = 1024 * 1024;

let zoho: ScriptedZoho;
let proxy: ProxyOver;
/** The headers of a write the app sends: its session's cookie, origin and CSRF token. */
let writeHeaders: string[];
beforeAll(async () => {
  zoho = await new ScriptedZoho().start();
  zoho.bigin = () => ({
    status: 200,
    body: { data: [{ code: 'SUCCESS', details: { id: '1' }, message: 'ok', status: 'success' }] },
  });
  // A short window, so that the test does not wait ten seconds for the proxy to judge.
  proxy = await proxyOver(zoho, {
    app: { bodyMinRate: { minBytes: 1024, windowMs: 300 }, maxUploadBytes: 64 * MB },
  });
  const browser = new TestBrowser(proxy.url);
  const { csrfToken } = (await (await browser.fetch('/api/session')).json()) as {
    csrfToken: string;
  };
  writeHeaders = [
    `Cookie: ${browser.cookieHeader}`,
    `Origin: ${browser.origin}`,
    'Sec-Fetch-Site: same-origin',
    `X-CSRF-Token: ${csrfToken}`,
  ];
});
afterAll(async () => {
  await proxy.close();
  await zoho.close();
});

/** A raw connection to the proxy: what it answered, and a promise of its closing. */
function rawConnection(): { socket: Socket; answer: () => string; closed: Promise<void> } {
  const { port } = new URL(proxy.url);
  const socket = connect(Number(port), '127.0.0.1');
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  return { socket, answer: () => answer, closed };
}

/** An upload's request head and the body's parts before and after a file of `size` bytes. */
function uploadOf(size: number, name: string) {
  const head =
    `--x\r\nContent-Disposition: form-data; name="${UPLOAD_SIZE_FIELD}"\r\n\r\n${size}\r\n` +
    `--x\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n';
  const tail = '\r\n--x--\r\n';
  const request = [
    `POST ${ATTACHMENTS} HTTP/1.1`,
    'Host: 127.0.0.1',
    ...writeHeaders,
    'Content-Type: multipart/form-data; boundary=x',
    `Content-Length: ${head.length + size + tail.length}`,
    '',
    head,
  ].join('\r\n');
  return { request, tail };
}

/** Writes `bytes` to `socket` no faster than it takes them, until it closes. */
async function writeAll(socket: Socket, bytes: Buffer, piece = 256 * 1024): Promise<void> {
  for (let at = 0; at < bytes.length && !socket.destroyed; at += piece) {
    if (!socket.write(bytes.subarray(at, at + piece))) {
      await new Promise<void>((resolve) => {
        const go = () => {
          socket.off('drain', go).off('close', go);
          resolve();
        };
        socket.on('drain', go).on('close', go);
      });
    }
  }
}

const uploadsAtBigin = () => zoho.biginCallList.filter((c) => c.method === 'POST');

describe('a request body slower than the minimum rate', () => {
  it('an upload that stops sending is answered 408 and its connection closed; Bigin keeps nothing', async () => {
    const uploads = uploadsAtBigin().length;
    const { socket, answer, closed } = rawConnection();
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
    const { socket, answer, closed } = rawConnection();
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
    let sent = 5;
    const trickle = setInterval(() => {
      if (sent < body.length - 1) socket.write(body[sent++]!);
    }, 100);
    await closed;
    clearInterval(trickle);
    expect(answer()).toMatch(/^HTTP\/1\.1 408/);
    expect(answer()).toContain('PROXY_BODY_TOO_SLOW');
    expect(uploadsAtBigin()).toHaveLength(uploads);
  });
});

describe('a request body at or above the minimum rate', () => {
  it('an upload on a slow but steady link arrives whole', async () => {
    const { socket, answer } = rawConnection();
    const file = Buffer.alloc(48 * 1024, 'b');
    const { request, tail } = uploadOf(file.length, 'steady.bin');
    socket.write(request);
    // 2 KiB every 40 ms: some 15 KiB a window, over several windows.
    for (let at = 0; at < file.length; at += 2048) {
      socket.write(file.subarray(at, at + 2048));
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    socket.write(tail);
    await expect.poll(answer, { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 200/);
    expect(uploadsAtBigin().at(-1)?.body).toContain(file.toString());
    socket.destroy();
  });

  it('an upload that Bigin takes slowly is not cut: the proxy held the body back, not the sender', async () => {
    const { socket, answer } = rawConnection();
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

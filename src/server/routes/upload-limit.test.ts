import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_SIZE_FIELD } from '../../shared/api-contract.ts';
import { TestBrowser } from '../test-support/browser.ts';
import { proxyOver, type ProxyOver } from '../test-support/proxy-over.ts';
import { ScriptedZoho } from '../test-support/scripted-zoho.ts';

let zoho: ScriptedZoho;
let proxy: ProxyOver;
/** The headers of a write the app sends: its session's cookie, origin and CSRF token. */
let writeHeaders: string[];
beforeAll(async () => {
  zoho = await new ScriptedZoho().start();
  proxy = await proxyOver(zoho, { app: { maxUploadBytes: 1024 * 1024 } });
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

describe('an upload declared larger than the limit', () => {
  it('is answered 413 before its body is read, and the connection closed', async () => {
    const { port } = new URL(proxy.url);
    const socket = connect(Number(port), '127.0.0.1');
    const started = Date.now();
    let answer = '';
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.write(
      [
        'POST /api/records/Contacts/4150868000002728001/attachments HTTP/1.1',
        'Host: 127.0.0.1',
        'Content-Type: multipart/form-data; boundary=x',
        `Content-Length: ${300 * 1024 * 1024}`,
        '',
        '--x\r\n',
      ].join('\r\n'),
    );
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain('PROXY_FILE_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(zoho.biginCallList).toHaveLength(0);
  });
});

describe('an upload that grows past the limit as it arrives', () => {
  it('is answered 413 and the connection closed without reading the rest (chunked, no Content-Length)', async () => {
    const { port } = new URL(proxy.url);
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    let open = true;
    const closed = new Promise<void>((resolve) =>
      socket.on('close', () => {
        open = false;
        resolve();
      }),
    );
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    const chunk = (bytes: string | Buffer) =>
      Buffer.concat([
        Buffer.from(`${Buffer.byteLength(bytes).toString(16)}\r\n`),
        Buffer.from(bytes),
        Buffer.from('\r\n'),
      ]);
    socket.write(
      [
        'POST /api/records/Contacts/4150868000002728001/attachments HTTP/1.1',
        'Host: 127.0.0.1',
        ...writeHeaders,
        'Content-Type: multipart/form-data; boundary=x',
        'Transfer-Encoding: chunked',
        '',
        '',
      ].join('\r\n'),
    );
    // The size it states is within the limit; the bytes that follow are not.
    socket.write(
      chunk(
        `--x\r\nContent-Disposition: form-data; name="${UPLOAD_SIZE_FIELD}"\r\n\r\n${1024 * 1024}\r\n` +
          '--x\r\nContent-Disposition: form-data; name="file"; filename="grows.bin"\r\n' +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
    );
    // Up to 64 MiB, as fast as the proxy takes them, until it closes the connection.
    const block = chunk(Buffer.alloc(256 * 1024, 7));
    const offered = 64 * 1024 * 1024;
    let written = 0;
    while (open && written < offered) {
      if (!socket.write(block)) {
        await new Promise<void>((resolve) => {
          const go = () => {
            socket.off('drain', go).off('close', go);
            resolve();
          };
          socket.on('drain', go).on('close', go);
        });
      }
      written += block.length;
    }
    // Had the proxy read everything, the end of the body tells it there is no more.
    if (open) socket.end();
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
    expect(answer).toContain('PROXY_FILE_TOO_LARGE');
    // What the kernel's buffers hold is a few MiB: the proxy stopped reading well before the end.
    expect(written).toBeLessThan(offered / 2);
    expect(zoho.biginCallList).toHaveLength(0);
  });
});

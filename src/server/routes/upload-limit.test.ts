import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyOver, type ProxyOver } from '../test-support/proxy-over.ts';
import { ScriptedZoho } from '../test-support/scripted-zoho.ts';

let zoho: ScriptedZoho;
let proxy: ProxyOver;
beforeAll(async () => {
  zoho = await new ScriptedZoho().start();
  proxy = await proxyOver(zoho, { app: { maxUploadBytes: 1024 * 1024 } });
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

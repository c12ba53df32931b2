import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makePng } from '../../sandbox/file-bytes.ts';
import { EMPTY_RECORD_ID } from '../../sandbox/seed-ids.ts';
import { TestBrowser } from '../test-support/browser.ts';
import { fileStack, sha256, type FileStack } from '../test-support/file-stack.ts';
import { proxyOver, type ProxyOver } from '../test-support/proxy-over.ts';
import { ScriptedZoho, type RecordedCall } from '../test-support/scripted-zoho.ts';
import { appWrite, csrfTokenOf, postGenerated, uploadFile } from '../test-support/upload-client.ts';

const RECORD = EMPTY_RECORD_ID;
const uploadPath = `/api/records/Contacts/${RECORD}/attachments`;
const photoPath = `/api/records/Contacts/${RECORD}/photo`;

describe('what the proxy sends Bigin, as it arrives on the wire', () => {
  let zoho: ScriptedZoho;
  let proxy: ProxyOver;
  let browser: TestBrowser;
  let token: string;

  beforeAll(async () => {
    zoho = await new ScriptedZoho().start();
    proxy = await proxyOver(zoho, { upstream: { baseDelayMs: 1 } });
    browser = new TestBrowser(proxy.url);
    token = await csrfTokenOf(browser);
  });
  afterAll(async () => {
    await proxy.close();
    await zoho.close();
  });
  beforeEach(() => {
    zoho.calls.length = 0;
    zoho.bigin = (call) => ({
      status: 200,
      body: call.url.endsWith('/photo')
        ? { code: 'SUCCESS', details: {}, message: 'photo uploaded', status: 'success' }
        : { data: [{ code: 'SUCCESS', details: { id: '1' }, message: 'ok', status: 'success' }] },
    });
  });

  /** The one call Bigin received, checked to be sized exactly: no chunked body. */
  const sizedCall = (): RecordedCall => {
    const [call, ...more] = zoho.biginCallList;
    expect(more).toHaveLength(0);
    expect(call!.method).toBe('POST');
    expect(call!.headers['transfer-encoding']).toBeUndefined();
    expect(call!.headers['content-length']).toBe(String(Buffer.byteLength(call!.body)));
    expect(call!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    return call!;
  };
  /** The form's part headers, in order: what Bigin is told about each field. */
  const partsOf = (call: RecordedCall) =>
    [...call.body.matchAll(/Content-Disposition: form-data; ([^\r]*)/g)].map((m) => m[1]);

  it('sends a file with the Content-Length of its body, and only the file', async () => {
    // Text bytes, so that the recorded body's length in UTF-8 is its length on the wire.
    const text = 'x'.repeat(300_000);
    const r = await uploadFile(browser, token, uploadPath, {
      name: 'notes.txt',
      bytes: new TextEncoder().encode(text),
      type: 'text/plain',
    });
    expect(r.status).toBe(200);
    const call = sizedCall();
    expect(call.url).toMatch(new RegExp(`/Contacts/${RECORD}/Attachments$`));
    // The size field is the proxy's own: Bigin gets the form Zoho documents.
    expect(partsOf(call)).toEqual(['name="file"; filename="notes.txt"']);
    expect(call.body).toContain(`\r\n\r\n${text}\r\n--`);
  });

  it('sends a link as sized form fields', async () => {
    const r = await browser.fetch(uploadPath, {
      method: 'POST',
      body: JSON.stringify({ attachmentUrl: 'https://example.com/ü', title: 'Quotes – 2024' }),
      headers: { ...appWrite(browser, token), 'content-type': 'application/json' },
    });
    expect(r.status).toBe(200);
    const call = sizedCall();
    expect(partsOf(call)).toEqual(['name="attachmentUrl"', 'name="title"']);
    expect(call.body).toContain('\r\n\r\nhttps://example.com/ü\r\n');
    expect(call.body).toContain('\r\n\r\nQuotes – 2024\r\n');
  });

  it('sends a record photo sized too', async () => {
    const r = await uploadFile(browser, token, photoPath, {
      name: 'me.png',
      bytes: makePng(8_000, 5),
      type: 'image/png',
    });
    expect(r.status).toBe(200);
    // The PNG's bytes are not text: its length is checked against what the proxy was sent.
    const [call] = zoho.biginCallList;
    expect(call!.headers['transfer-encoding']).toBeUndefined();
    const head = /^[\s\S]*?\r\n\r\n/.exec(call!.body)![0];
    const tail = /\r\n--[^\r]*--\r\n$/.exec(call!.body)![0];
    expect(Number(call!.headers['content-length'])).toBe(
      Buffer.byteLength(head) + 8_000 + Buffer.byteLength(tail),
    );
  });

  it('aborts the call when the bytes do not add up to the stated size: Bigin gets no whole body', async () => {
    for (const [size, statedSize] of [
      [200_000, 100_000],
      [100_000, 200_000],
    ] as const) {
      const r = await postGenerated(
        `${proxy.url}${uploadPath}`,
        { ...appWrite(browser, token), cookie: browser.cookieHeader },
        'changed.bin',
        size,
        { statedSize },
      );
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body)).toMatchObject({
        code: 'PROXY_UPLOAD_SIZE_MISMATCH',
        details: { stated_bytes: statedSize },
      });
    }
    // The scripted server records a call once its body has ended: none ever did.
    expect(zoho.biginCallList).toHaveLength(0);
  });
});

describe('uploads through the proxy to the strict sandbox', () => {
  let s: FileStack;
  let token: string;

  beforeAll(async () => {
    s = await fileStack();
    token = await csrfTokenOf(s.browser);
  });
  afterAll(() => s.close());

  const listed = async () => {
    const r = await s.browser.fetch(`${uploadPath}?per_page=200`);
    return ((await r.json()) as { data: { id: string; File_Name: string; Size: string }[] }).data;
  };
  const postsToBigin = () => s.recorder.callsTo('POST', `/${RECORD}/Attachments`).length;

  it('are taken, sized, where a chunked upload is refused with 411', async () => {
    // The sandbox refuses what a strict server refuses: a body that does not state its length.
    const chunked = await fetch(`${s.stack.sandboxUrl}/bigin/v1/Contacts/${RECORD}/Attachments`, {
      method: 'POST',
      headers: {
        Authorization: `Zoho-oauthtoken ${await s.directToken()}`,
        'Content-Type': 'multipart/form-data; boundary=b',
      },
      body: new Blob([
        '--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhi\r\n--b--\r\n',
      ]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(411);
    // The proxy's file, link and photo all go sized, so the same sandbox takes each.
    const bytes = randomBytes(1024 * 1024 + 3);
    const file = await uploadFile(s.browser, token, uploadPath, { name: 'sized.bin', bytes });
    expect(file.status).toBe(200);
    const link = await s.browser.fetch(uploadPath, {
      method: 'POST',
      body: JSON.stringify({ attachmentUrl: 'https://example.com/sized' }),
      headers: { ...appWrite(s.browser, token), 'content-type': 'application/json' },
    });
    expect(link.status).toBe(200);
    const photo = await uploadFile(s.browser, token, photoPath, {
      name: 'me.png',
      bytes: makePng(8_000, 6),
      type: 'image/png',
    });
    expect(photo.status).toBe(200);
    const stored = (await listed()).find((a) => a.File_Name === 'sized.bin')!;
    const back = await s.browser.fetch(`${uploadPath}/${stored.id}`);
    expect(sha256(new Uint8Array(await back.arrayBuffer()))).toBe(sha256(bytes));
  });

  it('refuses a size mismatch, and loses nothing: the record is as it was, the file can go again', async () => {
    const before = await listed();
    const posts = postsToBigin();
    const send = (size: number, statedSize?: number) =>
      postGenerated(
        `${s.stack.appUrl}${uploadPath}`,
        { ...appWrite(s.browser, token), cookie: s.browser.cookieHeader },
        'changed.bin',
        size,
        { statedSize },
      );
    for (const [size, stated] of [
      [3 * 1024 * 1024, 1024 * 1024],
      [1024 * 1024, 3 * 1024 * 1024],
    ] as const) {
      const r = await send(size, stated);
      expect(r.status).toBe(400);
      const body = JSON.parse(r.body) as { code: string; message: string; details: object };
      expect(body.code).toBe('PROXY_UPLOAD_SIZE_MISMATCH');
      expect(body.message).toMatch(/nothing was saved; choose the file again and retry/);
      expect(body.details).toMatchObject({ file_name: 'changed.bin', stated_bytes: stated });
    }
    // Each was sent to Bigin, and stopped before its end: nothing half-stored.
    expect(postsToBigin()).toBe(posts + 2);
    expect(await listed()).toEqual(before);
    const again = await send(1024 * 1024);
    expect(again.status).toBe(200);
    expect((await listed()).filter((a) => a.File_Name === 'changed.bin')).toHaveLength(1);
  });

  it('refuses a file whose size is not stated, or is over the limit, before calling Bigin', async () => {
    const posts = postsToBigin();
    const form = new FormData();
    form.set('file', new Blob(['no size']), 'plain.txt');
    const unsized = await s.browser.fetch(uploadPath, {
      method: 'POST',
      body: form,
      headers: appWrite(s.browser, token),
    });
    expect(unsized.status).toBe(400);
    expect(await unsized.json()).toMatchObject({
      code: 'PROXY_BAD_REQUEST',
      details: { param: 'size' },
    });
    const over = await postGenerated(
      `${s.stack.appUrl}${uploadPath}`,
      { ...appWrite(s.browser, token), cookie: s.browser.cookieHeader },
      'small.bin',
      10,
      { statedSize: 20 * 1024 * 1024 + 1 },
    );
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body)).toMatchObject({ code: 'PROXY_FILE_TOO_LARGE' });
    expect(postsToBigin()).toBe(posts);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageHeaderOnly, makePng } from '../../sandbox/file-bytes.ts';
import { RECORD_PHOTO_MAX_BYTES } from '../../shared/record-photo.ts';
import { COMPANY_RECORD_ID, EMPTY_RECORD_ID } from '../../sandbox/seed-ids.ts';
import { fileStack, sha256, type FileStack } from '../test-support/file-stack.ts';
import { appWrite, csrfTokenOf, uploadFile } from '../test-support/upload-client.ts';

let s: FileStack;
let token: string;
beforeAll(async () => {
  s = await fileStack();
  token = await csrfTokenOf(s.browser);
});
afterAll(() => s.close());

const photoPath = (module: string, id: string) => `/api/records/${module}/${id}/photo`;
const contactPhoto = photoPath('Contacts', EMPTY_RECORD_ID);

describe('record photo', () => {
  it('uploads, replaces and deletes a photo; the image comes back byte for byte', async () => {
    const first = makePng(24_000, 11);
    const up = await uploadFile(s.browser, token, contactPhoto, {
      name: 'me.png',
      bytes: first,
      type: 'image/png',
    });
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ code: 'SUCCESS', status: 'success' });
    let shown = await s.browser.fetch(contactPhoto);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(shown.headers.get('x-content-type-options')).toBe('nosniff');
    expect(shown.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(sha256(new Uint8Array(await shown.arrayBuffer()))).toBe(sha256(first));

    const second = makePng(26_000, 12);
    await uploadFile(s.browser, token, contactPhoto, {
      name: 'new.png',
      bytes: second,
      type: 'image/png',
    });
    shown = await s.browser.fetch(contactPhoto);
    expect(sha256(new Uint8Array(await shown.arrayBuffer()))).toBe(sha256(second));

    const gone = await s.browser.fetch(contactPhoto, {
      method: 'DELETE',
      headers: appWrite(s.browser, token),
    });
    expect(gone.status).toBe(200);
    const none = await s.browser.fetch(contactPhoto);
    expect(none.status).toBe(404);
    expect(await none.json()).toMatchObject({
      code: 'PROXY_NOT_FOUND',
      details: { reason: 'no photo' },
    });
  });

  it.each([
    ['a text file', 'notes.txt', 'text/plain'],
    ['an SVG', 'logo.svg', 'image/svg+xml'],
    ['a PNG name on HTML', 'me.png', 'text/html'],
    ['an image type on an .html name', 'me.html', 'image/png'],
  ])('refuses %s as a photo before calling Bigin', async (_l, name, type) => {
    const before = s.recorder.callsTo('POST', '/photo').length;
    const r = await uploadFile(s.browser, token, photoPath('Accounts', COMPANY_RECORD_ID), {
      name,
      bytes: Buffer.from('<svg onload="alert(1)"/>'),
      type,
    });
    expect(r.status).toBe(415);
    expect((await r.json()).code).toBe('PROXY_BLOCKED_TYPE');
    expect(s.recorder.callsTo('POST', '/photo').length).toBe(before);
  });

  it('refuses a photo over 10 MB before a byte reaches Bigin, naming the limit', async () => {
    const before = s.recorder.callsTo('POST', '/photo').length;
    const r = await uploadFile(s.browser, token, contactPhoto, {
      name: 'huge.png',
      bytes: makePng(RECORD_PHOTO_MAX_BYTES + 1, 13),
      type: 'image/png',
    });
    expect(r.status).toBe(413);
    expect(await r.json()).toMatchObject({
      code: 'PROXY_FILE_TOO_LARGE',
      details: { limit_bytes: RECORD_PHOTO_MAX_BYTES },
    });
    expect(s.recorder.callsTo('POST', '/photo').length).toBe(before);
  });

  it("passes Bigin's refusals of a photo through as they came: resolution, then type", async () => {
    const tooMany = await uploadFile(s.browser, token, contactPhoto, {
      name: 'panorama.png',
      bytes: imageHeaderOnly('png', 8000, 2000),
      type: 'image/png',
    });
    expect(tooMany.status).toBe(415);
    expect(await tooMany.json()).toMatchObject({
      code: 'FILE_RESOLUTION_EXCEEDS',
      details: { resolution: 16_000_000 },
    });
    // Named and declared as an image, but not one: only Bigin can tell.
    const notImage = await uploadFile(s.browser, token, contactPhoto, {
      name: 'me.png',
      bytes: Buffer.from('just text'),
      type: 'image/png',
    });
    expect(notImage.status).toBe(415);
    expect(await notImage.json()).toMatchObject({ code: 'INVALID_DATA', details: {} });
  });

  it('takes a BMP, and refuses a WebP (not a format Zoho documents for a photo)', async () => {
    const bmp = await uploadFile(s.browser, token, contactPhoto, {
      name: 'scan.bmp',
      bytes: imageHeaderOnly('bmp', 640, 480),
      type: 'image/bmp',
    });
    expect(bmp.status).toBe(200);
    const webp = await uploadFile(s.browser, token, contactPhoto, {
      name: 'me.webp',
      bytes: Buffer.from('RIFF....WEBPVP8 '),
      type: 'image/webp',
    });
    expect(webp.status).toBe(415);
    expect(await webp.json()).toMatchObject({
      code: 'PROXY_BLOCKED_TYPE',
      message: 'A photo must be a PNG, JPEG, GIF or BMP image',
    });
  });

  it('refuses a module without photos before calling Bigin', async () => {
    const before = s.recorder.calls.length;
    const r = await s.browser.fetch(photoPath('Deals', '4150868000003300001'));
    expect(r.status).toBe(400);
    expect((await r.json()).code).toBe('PROXY_BAD_REQUEST');
    expect(s.recorder.calls.length).toBe(before);
  });
});

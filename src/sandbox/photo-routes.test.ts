import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_PHOTO_MAX_BYTES } from '../shared/record-photo.ts';
import { imageHeaderOnly, makePng } from './file-bytes.ts';
import { COMPANY_RECORD_ID, EMPTY_RECORD_ID } from './seed-ids.ts';
import { expectBiginError, startSandbox, type RunningSandbox } from './test-harness.ts';

/**
 * A record photo's limits, as Zoho documents them (CRM's upload-photo page and specification;
 * Bigin's page names none): 10 MB, a resolution limit, PNG, JPEG, GIF or BMP only.
 */
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const PHOTO = `Contacts/${EMPTY_RECORD_ID}/photo`;

const post = (bytes: Uint8Array, name: string, type = '', path = PHOTO, on = sandbox) => {
  const form = new FormData();
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
  return on.api(path, { method: 'POST', body: form });
};

const photoNow = async (path = PHOTO) => {
  const answer = await sandbox.api(path);
  if (answer.status === 204) return undefined;
  return {
    type: answer.headers.get('content-type'),
    bytes: Buffer.from(await answer.arrayBuffer()),
  };
};

describe("a record's Record_Image field", () => {
  const recordImage = async (path: string) =>
    ((await (await sandbox.api(path)).json()) as { data: { Record_Image?: unknown }[] }).data[0]!
      .Record_Image;

  it('holds the photo’s id while there is one, a new one when replaced, and null once removed', async () => {
    const record = `Accounts/${COMPANY_RECORD_ID}`;
    expect(await recordImage(record)).toBeNull();
    expect(
      (await post(makePng(24_000, 21), 'logo.png', 'image/png', `${record}/photo`)).status,
    ).toBe(200);
    const first = await recordImage(record);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    await post(makePng(24_000, 22), 'logo.png', 'image/png', `${record}/photo`);
    const second = await recordImage(record);
    expect(second).toMatch(/^[0-9a-f]{64}$/);
    expect(second).not.toBe(first);
    expect((await sandbox.api(`${record}/photo`, { method: 'DELETE' })).status).toBe(200);
    expect(await recordImage(record)).toBeNull();
  });
});

describe('a record photo', () => {
  it('may be 10,485,760 bytes; one byte more is FILE_SIZE_EXCEEDS 413, and nothing changes', async () => {
    const largest = makePng(RECORD_PHOTO_MAX_BYTES, 1);
    const saved = await post(largest, 'large.png', 'image/png');
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ code: 'SUCCESS', status: 'success' });
    expect((await photoNow())?.bytes.equals(largest)).toBe(true);

    const envelope = await expectBiginError(
      await post(makePng(RECORD_PHOTO_MAX_BYTES + 1, 2), 'larger.png', 'image/png'),
      413,
      'FILE_SIZE_EXCEEDS',
      'File exceeded its maximum limit',
    );
    expect(envelope.details).toEqual({ size: RECORD_PHOTO_MAX_BYTES });
    expect((await photoNow())?.bytes.equals(largest)).toBe(true);
  });

  it.each([
    ['png', 4000, 2500],
    ['jpeg', 3650, 2739],
    ['gif', 10_000, 1000],
    ['bmp', 2500, 4000],
  ] as const)('takes a %s of %i × %i pixels (10 megapixels at most)', async (format, w, h) => {
    const bytes = imageHeaderOnly(format, w, h);
    expect((await post(bytes, `photo.${format}`)).status).toBe(200);
    expect((await photoNow())?.type).toBe(`image/${format}`);
  });

  it.each([
    ['png', 4000, 3000],
    ['jpeg', 6000, 4000],
    ['gif', 10_001, 1000],
    ['bmp', 3163, 3163],
  ] as const)(
    'refuses a %s of %i × %i pixels: FILE_RESOLUTION_EXCEEDS 415 naming its pixels',
    async (format, w, h) => {
      const before = await photoNow();
      const envelope = await expectBiginError(
        await post(imageHeaderOnly(format, w, h), `photo.${format}`, `image/${format}`),
        415,
        'FILE_RESOLUTION_EXCEEDS',
        'File exceeded its maximum limit',
      );
      expect(envelope.details).toEqual({ resolution: w * h });
      expect(await photoNow()).toEqual(before);
    },
  );

  it.each([
    ['text named as a PNG', Buffer.from('not an image'), 'me.png', 'image/png'],
    [
      'an SVG',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'logo.svg',
      'image/svg+xml',
    ],
    [
      'a WebP',
      Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8 '), Buffer.alloc(40)]),
      'me.webp',
      'image/webp',
    ],
    ['an empty file', Buffer.alloc(0), 'me.png', 'image/png'],
  ])('refuses %s: INVALID_DATA 415', async (_label, bytes, name, type) => {
    const envelope = await expectBiginError(
      await post(bytes, name, type),
      415,
      'INVALID_DATA',
      'invalid file type',
    );
    expect(envelope.details).toEqual({});
  });

  it('reads the type from the bytes, not from the name or the declared type', async () => {
    const jpeg = imageHeaderOnly('jpeg', 800, 600);
    expect((await post(jpeg, 'scan.txt', 'text/plain')).status).toBe(200);
    expect(await photoNow()).toEqual({ type: 'image/jpeg', bytes: jpeg });
  });

  it('is checked alike on v1 and v2', async () => {
    const token = await sandbox.token();
    const form = new FormData();
    form.append(
      'file',
      new Blob([imageHeaderOnly('png', 5000, 5000) as Uint8Array<ArrayBuffer>]),
      'big.png',
    );
    const v2 = await fetch(`${sandbox.base}/bigin/v2/Accounts/${COMPANY_RECORD_ID}/photo`, {
      method: 'POST',
      body: form,
      headers: { Authorization: `Zoho-oauthtoken ${token}` },
    });
    await expectBiginError(v2, 415, 'FILE_RESOLUTION_EXCEEDS');
  });
});

describe('uploading a photo takes a scope on the module, as Bigin documents it', () => {
  it.each([
    ['ZohoBigin.modules.contacts.CREATE', 200],
    ['ZohoBigin.modules.contacts.WRITE', 200],
    ['ZohoBigin.modules.contacts.ALL', 200],
    ['ZohoBigin.modules.contacts.READ', 401],
    ['ZohoBigin.modules.accounts.ALL', 401],
  ])('%s: %i', async (scope, status) => {
    const token = await sandbox.tokenWithScopes([scope]);
    const form = new FormData();
    form.append('file', new Blob([makePng(24_000, 6) as Uint8Array<ArrayBuffer>]), 'me.png');
    const answer = await sandbox.api(PHOTO, { method: 'POST', body: form, token });
    expect(answer.status).toBe(status);
  });
});

describe("a sandbox's photo limits", () => {
  it('can be set, since Bigin documents no resolution limit', async () => {
    const strict = await startSandbox({ photoLimits: { maxPixels: 1000, maxBytes: 30_000 } });
    try {
      await expectBiginError(
        await post(makePng(24_000, 4), 'me.png', 'image/png', PHOTO, strict),
        415,
        'FILE_RESOLUTION_EXCEEDS',
      );
      expect((await post(imageHeaderOnly('png', 40, 25), 'me.png', '', PHOTO, strict)).status).toBe(
        200,
      );
      await expectBiginError(
        await post(makePng(30_001, 5), 'me.png', 'image/png', PHOTO, strict),
        413,
        'FILE_SIZE_EXCEEDS',
      );
    } finally {
      await strict.close();
    }
  });
});

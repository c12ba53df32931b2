import { describe, expect, it } from 'vitest';
import { RECORD_PHOTO_MAX_BYTES } from '../../../shared/record-photo.ts';
import { ApiClientError } from '../../lib/api-client.ts';
import { photoFailureText, photoProblem } from './photo-checks.ts';

const NOT_IMAGE = 'This file cannot be a photo: choose a PNG, JPEG, GIF or BMP image.';

describe('photoProblem', () => {
  it.each([
    ['me.png', 'image/png'],
    ['me.JPG', 'image/jpeg'],
    ['me.jpeg', 'image/jpeg'],
    ['wave.gif', 'image/gif'],
    ['scan.bmp', 'image/bmp'],
  ])('takes %s (%s), a format Zoho documents for a photo', (name, type) =>
    expect(photoProblem({ name, size: 10, type })).toBeNull(),
  );

  it.each([
    ['logo.svg', 'image/svg+xml'],
    ['page.html', 'text/html'],
    ['me.png', 'text/html'],
    ['me.html', 'image/png'],
    ['me.jpg', 'image/png'],
    ['scan.heic', 'image/heic'],
    ['me.webp', 'image/webp'],
    ['photo', 'image/png'],
  ])('refuses %s (%s): only a documented format whose name agrees', (name, type) =>
    expect(photoProblem({ name, size: 10, type })).toBe(NOT_IMAGE),
  );

  it("takes Bigin's 10 MB, and says what to do with a larger photo", () => {
    const photo = { name: 'me.png', type: 'image/png' };
    expect(photoProblem({ ...photo, size: RECORD_PHOTO_MAX_BYTES })).toBeNull();
    expect(photoProblem({ ...photo, size: RECORD_PHOTO_MAX_BYTES + 1 })).toBe(
      'The photo is larger than 10 MB: choose a smaller image, or save this one smaller or at a lower quality.',
    );
    expect(photoProblem({ ...photo, size: 2049 }, 2048)).toMatch(/^The photo is larger than 2 kB:/);
  });
});

const refusal = (status: number, code: string, details: Record<string, unknown> = {}) =>
  new ApiClientError(status, {
    code,
    details,
    message: `the server's own words for ${code}`,
    status: 'error',
    requestId: 'req-1',
  });

describe('photoFailureText says what happened and what to do, for each refusal', () => {
  it.each([
    [
      'Bigin: over 10 MB',
      refusal(413, 'FILE_SIZE_EXCEEDS', { size: RECORD_PHOTO_MAX_BYTES }),
      'The photo was not changed: Bigin takes a record photo of at most 10 MB, and this one is larger. Choose a smaller image, or save this one smaller or at a lower quality, and upload it again.',
    ],
    [
      'Bigin: too many pixels',
      refusal(415, 'FILE_RESOLUTION_EXCEEDS', { resolution: 16_062_248 }),
      'The photo was not changed: Bigin refused the photo because its resolution is higher than Bigin takes for a record photo. Scale the image down, for example to 2,000 pixels on its longer side, and upload it again.',
    ],
    [
      'Bigin: not an image it takes',
      refusal(415, 'INVALID_DATA'),
      'The photo was not changed: Bigin takes a record photo only as a PNG, JPEG, GIF or BMP image, and could not read this file as one. Choose an image in one of these formats, or save this one as PNG or JPEG, and upload it again.',
    ],
    [
      'Bigin: the record is gone',
      refusal(400, 'INVALID_DATA', { resource_path_index: 1 }),
      'The photo was not changed: Bigin has no record with this id in this module. It may have been deleted, or the link is wrong. Choose the record again from the list.',
    ],
    ['the proxy: not a photo format', refusal(415, 'PROXY_BLOCKED_TYPE'), NOT_IMAGE],
    [
      'the proxy: over its limit',
      refusal(413, 'PROXY_FILE_TOO_LARGE', { limit_bytes: 5 * 1024 * 1024 }),
      'The photo is larger than 5 MB: choose a smaller image, or save this one smaller or at a lower quality.',
    ],
    [
      'anything else',
      refusal(403, 'NO_PERMISSION'),
      "The photo was not changed: the server's own words for NO_PERMISSION",
    ],
    [
      'an error that is not an answer',
      new Error('boom'),
      'The photo was not changed: the answer was lost on the way.',
    ],
  ])('%s', (_label, error, text) => expect(photoFailureText(error)).toBe(text));
});

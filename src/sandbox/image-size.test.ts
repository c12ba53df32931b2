import { describe, expect, it } from 'vitest';
import { imageHeaderOnly, makePng } from './file-bytes.ts';
import { readImageHeader } from './image-size.ts';

describe('readImageHeader', () => {
  it.each([
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
    ['gif', 'image/gif'],
    ['bmp', 'image/bmp'],
    ['bmpCore', 'image/bmp'],
  ] as const)('reads the width and height of a %s', (format, type) => {
    expect(readImageHeader(imageHeaderOnly(format, 4000, 3000))).toEqual({
      type,
      width: 4000,
      height: 3000,
    });
  });

  it('reads a whole PNG, as the app and the seed make them: as large as its bytes allow', () => {
    expect(readImageHeader(makePng(24_000, 3))).toEqual({
      type: 'image/png',
      width: 1200,
      height: 800,
    });
    expect(readImageHeader(makePng(2_000, 3))).toMatchObject({ width: 320, height: 200 });
    expect(readImageHeader(makePng(24_000, 3, [48, 32]))).toMatchObject({ width: 48, height: 32 });
  });

  it('reads a JPEG whose frame header comes after long application segments', () => {
    const jpeg = imageHeaderOnly('jpeg', 640, 480);
    const app0 = Buffer.alloc(4 + 60_000, 0x20);
    app0.set([0xff, 0xe0], 0);
    app0.writeUInt16BE(2 + 60_000, 2);
    const long = Buffer.concat([
      jpeg.subarray(0, 2),
      app0,
      Buffer.from([0xff, 0xff]),
      jpeg.subarray(2),
    ]);
    expect(readImageHeader(long)).toMatchObject({ width: 640, height: 480 });
  });

  it.each([
    ['text', Buffer.from('hello, this is not an image at all')],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')],
    ['WebP', Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8 '), Buffer.alloc(30)])],
    ['a PNG cut short', imageHeaderOnly('png', 10, 10).subarray(0, 20)],
    ['a PNG of 0 × 10 pixels', imageHeaderOnly('png', 0, 10)],
    ['a JPEG with no frame header', Buffer.from([0xff, 0xd8, 0xff, 0xd9])],
    ['a JPEG cut inside its frame header', imageHeaderOnly('jpeg', 10, 10).subarray(0, 610)],
    ['a JPEG whose scan comes first', Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 2, 0xff, 0xd9])],
    ['nothing', Buffer.alloc(0)],
  ])('reads nothing from %s', (_label, bytes) => {
    expect(readImageHeader(bytes)).toBeUndefined();
  });
});

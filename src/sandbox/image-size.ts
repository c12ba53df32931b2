/**
 * An image's format and size in pixels, read from its header alone (no decoding, no dependency):
 * enough for the sandbox to refuse a record photo the way Bigin does. Undefined for anything it
 * cannot read as a PNG, JPEG, GIF or BMP with a width and a height.
 */
export interface ImageHeader {
  type: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/bmp';
  width: number;
  height: number;
}

export function readImageHeader(bytes: Uint8Array): ImageHeader | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = png(b) ?? gif(b) ?? bmp(b) ?? jpeg(b);
  return found && found.width > 0 && found.height > 0 ? found : undefined;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The signature, then the IHDR chunk first: width and height as 32-bit big-endian. */
function png(b: Buffer): ImageHeader | undefined {
  if (b.length < 24 || !b.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  if (b.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { type: 'image/png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** `GIF87a` or `GIF89a`, then the logical screen's width and height, 16-bit little-endian. */
function gif(b: Buffer): ImageHeader | undefined {
  if (b.length < 10 || !/^GIF8[79]a$/.test(b.toString('latin1', 0, 6))) return undefined;
  return { type: 'image/gif', width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
}

/**
 * `BM`, then the DIB header: the old 12-byte core header has 16-bit sizes, the later ones 32-bit
 * signed (a negative height is a top-down bitmap).
 */
function bmp(b: Buffer): ImageHeader | undefined {
  if (b.length < 26 || b.toString('latin1', 0, 2) !== 'BM') return undefined;
  const dibSize = b.readUInt32LE(14);
  if (dibSize === 12) {
    return { type: 'image/bmp', width: b.readUInt16LE(18), height: b.readUInt16LE(20) };
  }
  if (dibSize < 40) return undefined;
  return { type: 'image/bmp', width: b.readInt32LE(18), height: Math.abs(b.readInt32LE(22)) };
}

/** Start-of-frame markers (baseline, progressive, ...): not DHT (C4), JPG (C8) nor DAC (CC). */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * SOI, then segments (marker, 16-bit length) until a start of frame, which holds the height and
 * the width; EXIF and other application segments before it are skipped by their length.
 */
function jpeg(b: Buffer): ImageHeader | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    // Fill bytes, and markers without a length (TEM, RSTn).
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    // End of image, or the scan itself, before any frame header: not an image to read.
    if (marker === 0xd9 || marker === 0xda) return undefined;
    const length = b.readUInt16BE(at + 2);
    if (SOF.has(marker)) {
      if (at + 9 > b.length) return undefined;
      return { type: 'image/jpeg', height: b.readUInt16BE(at + 5), width: b.readUInt16BE(at + 7) };
    }
    if (length < 2) return undefined;
    at += 2 + length;
  }
  return undefined;
}

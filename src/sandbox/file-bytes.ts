import { deflateSync } from 'node:zlib';

/**
 * How to make an attachment's bytes. Seeded attachments carry a recipe, not bytes, so that the
 * seed stays cheap (the 1,000-attachment record would otherwise hold hundreds of megabytes);
 * the bytes are made on download, the same on every call.
 */
export type FileRecipe =
  | { kind: 'png'; size: number; seed: number }
  | { kind: 'pdf'; size: number; title: string }
  | { kind: 'text'; text: string }
  | { kind: 'csv'; rows: number }
  | { kind: 'blob'; blobId: string };

/** The number of bytes a recipe makes, known without making them. */
export function recipeSize(recipe: Exclude<FileRecipe, { kind: 'blob' }>): number {
  switch (recipe.kind) {
    case 'png':
    case 'pdf':
      return recipe.size;
    case 'text':
      return Buffer.byteLength(recipe.text);
    case 'csv':
      return CSV_HEADER.length + recipe.rows * CSV_ROW_WIDTH;
  }
}

export function renderRecipe(recipe: Exclude<FileRecipe, { kind: 'blob' }>): Buffer {
  switch (recipe.kind) {
    case 'png':
      return makePng(recipe.size, recipe.seed);
    case 'pdf':
      return makePdf(recipe.title, recipe.size);
    case 'text':
      return Buffer.from(recipe.text);
    case 'csv':
      return makeCsv(recipe.rows);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Picture sizes a seeded PNG takes, largest first: the largest whose pixels fit its bytes. */
const PNG_SIZES: readonly (readonly [number, number])[] = [
  [1200, 800],
  [640, 400],
  [320, 200],
  [48, 32],
];

/** The compressed pixels of each gradient, kept: a 1200 x 800 one takes tens of milliseconds. */
const pixelCache = new Map<string, Buffer>();

/**
 * A smooth gradient coloured by `seed` (one of eight colourings), as a PNG's IDAT data: red
 * across, green down, blue along the diagonal, each rising by at most 200 over the picture so
 * that none wraps round. Each row is "Sub"-filtered (each byte after the first pixel is its
 * difference from the pixel before: mostly 0, now and then 1), so that even 1200 x 800 pixels
 * deflate to some 17 kB.
 */
function gradientPixels(width: number, height: number, seed: number): Buffer {
  // Eight colourings: enough to tell pictures apart, few enough to make each once.
  const colouring = ((seed % 8) + 8) % 8;
  const key = `${width}x${height}:${colouring}`;
  const held = pixelCache.get(key);
  if (held) return held;
  const base = [(colouring * 37) % 48, (colouring * 53) % 48, (colouring * 29) % 48] as const;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    row[0] = 1; // Sub
    const green = base[1] + Math.floor((y * 200) / height);
    let [red, blue] = [0, 0];
    for (let x = 0; x < width; x++) {
      const r = base[0] + Math.floor((x * 200) / width);
      const b = base[2] + Math.floor((x / width + y / height) * 100);
      row[1 + x * 3] = (r - red) & 0xff;
      row[2 + x * 3] = x === 0 ? green : 0;
      row[3 + x * 3] = (b - blue) & 0xff;
      [red, blue] = [r, b];
    }
    rows.push(row);
  }
  const pixels = deflateSync(Buffer.concat(rows), { level: 9 });
  pixelCache.set(key, pixels);
  return pixels;
}

/**
 * A valid PNG of exactly `size` bytes: a gradient whose colour follows `seed`, as large as the
 * size allows (1200 x 800 from about 18 kB, as a photo or a scan would be; 640 x 400 from about
 * 7 kB; down to 48 x 32 for a tiny file), or of the `dimensions` asked, padded with a `tEXt` comment (an ancillary chunk
 * every decoder skips) up to the size.
 */
export function makePng(
  size: number,
  seed: number,
  dimensions?: readonly [number, number],
): Buffer {
  const iend = pngChunk('IEND', Buffer.alloc(0));
  const build = ([width, height]: readonly [number, number]) => {
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(height, 4);
    ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
    const idat = pngChunk('IDAT', gradientPixels(width, height, seed));
    return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), idat]);
  };
  const fits = (head: Buffer) => {
    const room = size - head.length - iend.length;
    return room === 0 || room >= 12 + 8;
  };
  let head: Buffer | undefined = dimensions && build(dimensions);
  for (const candidate of dimensions ? [] : PNG_SIZES) {
    head = build(candidate);
    if (fits(head)) break;
  }
  if (!head) throw new Error('no picture size');
  const room = size - head.length - iend.length;
  if (room === 0) return Buffer.concat([head, iend]);
  if (room < 12 + 8) throw new Error(`a PNG of ${size} bytes is too small for its padding`);
  const text = Buffer.alloc(room - 12, 0x2e); // "Comment\0....."
  text.write('Comment\0', 0, 'latin1');
  return Buffer.concat([head, pngChunk('tEXt', text), iend]);
}

/**
 * The header of an image claiming `width` × `height` pixels, and nothing to decode: all that the
 * sandbox reads of a record photo. The JPEG carries an EXIF-like segment before its frame header,
 * as a camera's does, and a 12-byte-core BMP is made with `bmpCore`.
 */
export function imageHeaderOnly(
  format: 'png' | 'jpeg' | 'gif' | 'bmp' | 'bmpCore',
  width: number,
  height: number,
): Buffer {
  switch (format) {
    case 'png': {
      const ihdr = Buffer.alloc(13);
      ihdr.writeUInt32BE(width, 0);
      ihdr.writeUInt32BE(height, 4);
      ihdr.set([8, 2, 0, 0, 0], 8);
      return Buffer.concat([
        PNG_SIGNATURE,
        pngChunk('IHDR', ihdr),
        pngChunk('IEND', Buffer.alloc(0)),
      ]);
    }
    case 'jpeg': {
      const exif = Buffer.alloc(2 + 2 + 600, 0x41);
      exif.set([0xff, 0xe1], 0);
      exif.writeUInt16BE(2 + 600, 2);
      const sof = Buffer.from([
        0xff, 0xc2, 0, 17, 8, 0, 0, 0, 0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
      ]);
      sof.writeUInt16BE(height, 5);
      sof.writeUInt16BE(width, 7);
      return Buffer.concat([Buffer.from([0xff, 0xd8]), exif, sof, Buffer.from([0xff, 0xd9])]);
    }
    case 'gif': {
      const head = Buffer.alloc(13);
      head.write('GIF89a', 0, 'latin1');
      head.writeUInt16LE(width, 6);
      head.writeUInt16LE(height, 8);
      return Buffer.concat([head, Buffer.from([0x3b])]);
    }
    case 'bmp':
    case 'bmpCore': {
      const core = format === 'bmpCore';
      const head = Buffer.alloc(14 + (core ? 12 : 40));
      head.write('BM', 0, 'latin1');
      head.writeUInt32LE(head.length, 2);
      head.writeUInt32LE(head.length, 10);
      head.writeUInt32LE(core ? 12 : 40, 14);
      if (core) {
        head.writeUInt16LE(width, 18);
        head.writeUInt16LE(height, 20);
      } else {
        head.writeInt32LE(width, 18);
        // Negative: a top-down bitmap, as many writers make them.
        head.writeInt32LE(-height, 22);
      }
      return head;
    }
  }
}

/** A one-page PDF showing `title`, padded with a comment line to exactly `size` bytes. */
export function makePdf(title: string, size: number): Buffer {
  let padding = 0;
  for (let attempt = 0; attempt < 4; attempt++) {
    const pdf = buildPdf(title, padding);
    if (pdf.length === size) return pdf;
    padding += size - pdf.length;
    if (padding < 0) break;
  }
  throw new Error(`cannot make a PDF of exactly ${size} bytes`);
}

function buildPdf(title: string, padding: number): Buffer {
  // PDF string literals need (, ) and \ escaped; keep the title to Latin-1.
  const safe = title.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, '\\$&');
  const stream = `BT /F1 18 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  if (padding > 0) body += `%${'.'.repeat(Math.max(0, padding - 2))}\n`;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const CSV_HEADER = 'row,date,region,product,units,amount\n';
const CSV_ROW_WIDTH = 64;

/** A CSV of fixed-width rows, so that its size is known from the row count alone. */
function makeCsv(rows: number): Buffer {
  const out = Buffer.alloc(CSV_HEADER.length + rows * CSV_ROW_WIDTH, 0x20);
  out.write(CSV_HEADER, 0, 'latin1');
  const regions = ['North', 'South', 'East', 'West'];
  for (let i = 0; i < rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const line = `${i + 1},2024-02-${day},${regions[i % 4]},SKU-${(i * 7919) % 10000},${i % 90},${((i * 37) % 100000) / 100}`;
    const at = CSV_HEADER.length + i * CSV_ROW_WIDTH;
    out.write(line.slice(0, CSV_ROW_WIDTH - 1), at, 'latin1');
    out[at + CSV_ROW_WIDTH - 1] = 0x0a;
  }
  return out;
}

/** MIME types by extension, for uploads (Bigin keeps the type the file name implies). */
export function contentTypeFor(fileName: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  html: 'text/html; charset=utf-8',
  zip: 'application/zip',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  mp4: 'video/mp4',
  webm: 'video/webm',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

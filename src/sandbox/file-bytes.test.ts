import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../shared/content-disposition.ts';
import { makePdf, makePng, recipeSize, renderRecipe } from './file-bytes.ts';

/** Walks a PNG's chunks, checking each CRC the way a decoder would. */
function pngChunks(png: Buffer): { type: string; data: Buffer }[] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    const crc = png.readUInt32BE(at + 8 + length);
    expect(crc).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    chunks.push({ type, data });
    at += 12 + length;
  }
  return chunks;
}

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

describe('file bytes', () => {
  it('makes a valid PNG of exactly the size asked, e.g. the doc sample 362,207 bytes', () => {
    const png = makePng(362207, 1);
    expect(png.length).toBe(362207);
    const chunks = pngChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'tEXt', 'IEND']);
    const width = chunks[0]!.data.readUInt32BE(0);
    const height = chunks[0]!.data.readUInt32BE(4);
    expect(inflateSync(chunks[1]!.data).length).toBe(height * (1 + width * 3));
  });

  it('makes a PDF of exactly the size asked, whose cross-reference offsets are right', () => {
    const pdf = makePdf('Quote (final)', 21_544);
    expect(pdf.length).toBe(21_544);
    const text = pdf.toString('latin1');
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) =>
      Number(m[1]),
    );
    offsets.forEach((offset, i) =>
      expect(text.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true),
    );
  });

  it('knows each recipe’s size without making its bytes', () => {
    for (const recipe of [
      { kind: 'png', size: 9_000, seed: 3 },
      { kind: 'pdf', size: 4_000, title: 'x' },
      { kind: 'text', text: 'héllo' },
      { kind: 'csv', rows: 10 },
    ] as const) {
      expect(renderRecipe(recipe).length).toBe(recipeSize(recipe));
    }
  });

  it('names a download for old clients and new: ASCII fallback, exact UTF-8 name', () => {
    expect(contentDisposition('attachment', 'Résumé "final" 100%.pdf')).toBe(
      `attachment; filename="R_sum_ _final_ 100_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22%20100%25.pdf`,
    );
  });
});

import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { PartialEntry, ZipWriter } from './zip-writer.ts';

interface ReadEntry {
  name: string;
  crc: number;
  declaredSize: number;
  bytes: Buffer;
  modified: Date;
}

/** Builds a ZIP with the writer, collecting its output as it streams. */
async function build(write: (zip: ZipWriter) => Promise<void>): Promise<Buffer> {
  const zip = new ZipWriter();
  const chunks: Buffer[] = [];
  zip.output.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => zip.output.on('end', resolve));
  await write(zip);
  await zip.finish();
  await ended;
  return Buffer.concat(chunks);
}

/** Reads a ZIP with yauzl, an independent reader: entry sizes are checked against the bytes. */
function readWithYauzl(zip: Buffer): Promise<ReadEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      zip,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: true },
      (error, file) => {
        if (error || !file) return reject(error);
        const entries: ReadEntry[] = [];
        file.on('error', reject);
        file.on('end', () => resolve(entries));
        file.on('entry', (entry: yauzl.Entry) => {
          file.openReadStream(entry, (streamError, stream) => {
            if (streamError || !stream) return reject(streamError);
            const chunks: Buffer[] = [];
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.on('error', reject);
            stream.on('end', () => {
              entries.push({
                name: entry.fileName,
                crc: entry.crc32,
                declaredSize: entry.uncompressedSize,
                bytes: Buffer.concat(chunks),
                modified: entry.getLastModDate(),
              });
              file.readEntry();
            });
          });
        });
        file.readEntry();
      },
    );
  });
}

describe('the streaming ZIP, read back by an independent reader', () => {
  it('holds every entry whole: UTF-8 names, sizes, CRCs and times as written', async () => {
    const big = randomBytes(1_500_000);
    const written = new Date(2024, 0, 8, 9, 30, 14);
    const zip = await build(async (z) => {
      await z.add('Signed NDA.pdf', [Buffer.from('%PDF-1.4 small')], written);
      await z.add('Überweisung – März ✓.txt', [Buffer.from('ä'), Buffer.from('ß')], written);
      await z.add('empty.txt', [], written);
      // In pieces, as a download from Bigin arrives.
      await z.add('site photo.png', chunksOf(big, 64 * 1024), written);
    });
    const entries = await readWithYauzl(zip);
    expect(entries.map((e) => e.name)).toEqual([
      'Signed NDA.pdf',
      'Überweisung – März ✓.txt',
      'empty.txt',
      'site photo.png',
    ]);
    expect(entries[3]!.bytes.equals(big)).toBe(true);
    expect(entries[1]!.bytes.toString()).toBe('äß');
    for (const entry of entries) {
      expect(entry.declaredSize).toBe(entry.bytes.length);
      expect(entry.crc).toBe(crc32(entry.bytes));
      // DOS times keep even seconds.
      expect(entry.modified.getTime()).toBe(new Date(2024, 0, 8, 9, 30, 14).getTime());
    }
  });

  it('stays a valid archive when an entry breaks off: what arrived is kept, the rest follow', async () => {
    const zip = await build(async (z) => {
      await expect(
        z.add(
          'broken.bin',
          (async function* () {
            yield Buffer.from('first half');
            throw new Error('Bigin closed the connection');
          })(),
        ),
      ).rejects.toBeInstanceOf(PartialEntry);
      await z.add('after.txt', [Buffer.from('still here')]);
    });
    const entries = await readWithYauzl(zip);
    expect(entries.map((e) => [e.name, e.bytes.toString()])).toEqual([
      ['broken.bin', 'first half'],
      ['after.txt', 'still here'],
    ]);
  });
});

function* chunksOf(bytes: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

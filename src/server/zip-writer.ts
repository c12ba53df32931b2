import { PassThrough } from 'node:stream';
import { crc32 } from 'node:zlib';

/** Plain ZIP (no ZIP64): offsets and sizes are 32-bit, entries at most 65,535. */
export const ZIP_MAX_BYTES = 0xffffffff;
const MAX_ENTRIES = 0xffff;
/** Bit 3: sizes and CRC follow the data; bit 11: names are UTF-8. */
const FLAGS = 0x0808;

interface CentralEntry {
  name: Buffer;
  crc: number;
  size: number;
  offset: number;
  time: number;
  date: number;
}

/** An entry whose bytes stopped coming part-way: closed with what arrived, so the ZIP stays valid. */
export class PartialEntry extends Error {
  constructor(
    readonly bytesWritten: number,
    readonly reason: unknown,
  ) {
    super(`broke off after ${bytesWritten} bytes`);
  }
}

/**
 * Writes a ZIP as it is built, entries stored (not compressed: attachments are mostly compressed
 * already, and storing keeps the CPU cost near zero). Each entry's local header goes out before
 * its bytes are known; its CRC and size follow in a data descriptor, so nothing is held back.
 */
export class ZipWriter {
  readonly output = new PassThrough({ highWaterMark: 256 * 1024 });
  private offset = 0;
  private readonly central: CentralEntry[] = [];

  /** Bytes written so far. */
  get size(): number {
    return this.offset;
  }

  get entryCount(): number {
    return this.central.length;
  }

  /** Whether an entry of `bytes` (and a name of `nameBytes`) still fits a plain ZIP. */
  fits(bytes: number, nameBytes = 255): boolean {
    const overhead = 30 + 16 + 46 + 2 * nameBytes + 22 + 4096;
    return (
      this.central.length < MAX_ENTRIES - 1 &&
      this.offset + bytes + overhead + this.centralSize() < ZIP_MAX_BYTES
    );
  }

  /** Adds one entry, streaming `data` into the ZIP; throws PartialEntry when `data` fails. */
  async add(
    fileName: string,
    data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    modified = new Date(),
  ) {
    const name = Buffer.from(fileName, 'utf8');
    const { time, date } = dosDateTime(modified);
    const entry: CentralEntry = { name, crc: 0, size: 0, offset: this.offset, time, date };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(FLAGS, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    // CRC and sizes stay 0 here: the data descriptor carries them.
    local.writeUInt16LE(name.length, 26);
    await this.write(Buffer.concat([local, name]));
    let failure: unknown;
    try {
      for await (const chunk of data) {
        if (entry.size + chunk.length > ZIP_MAX_BYTES - this.offset) {
          throw new Error('the ZIP reached its 4 GiB limit');
        }
        entry.crc = crc32(chunk, entry.crc);
        entry.size += chunk.length;
        await this.write(chunk);
      }
    } catch (error) {
      failure = error;
    }
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc, 4);
    descriptor.writeUInt32LE(entry.size, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    await this.write(descriptor);
    this.central.push(entry);
    if (failure !== undefined) throw new PartialEntry(entry.size, failure);
  }

  /** Writes the central directory and ends the output. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const e of this.central) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(FLAGS, 8);
      header.writeUInt16LE(0, 10);
      header.writeUInt16LE(e.time, 12);
      header.writeUInt16LE(e.date, 14);
      header.writeUInt32LE(e.crc, 16);
      header.writeUInt32LE(e.size, 20);
      header.writeUInt32LE(e.size, 24);
      header.writeUInt16LE(e.name.length, 28);
      header.writeUInt32LE(e.offset, 42);
      await this.write(Buffer.concat([header, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.central.length, 8);
    end.writeUInt16LE(this.central.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.write(end);
    this.output.end();
  }

  private centralSize(): number {
    return this.central.reduce((sum, e) => sum + 46 + e.name.length, 0);
  }

  /** Writes with backpressure: a slow browser slows the reading from Bigin, never fills memory. */
  private async write(bytes: Uint8Array): Promise<void> {
    if (this.output.destroyed) throw new Error('the ZIP is no longer being read');
    this.offset += bytes.length;
    if (this.output.write(bytes)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        this.output.off('drain', onDrain);
        this.output.off('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => done();
      const onClose = () => done(new Error('the ZIP is no longer being read'));
      this.output.once('drain', onDrain);
      this.output.once('close', onClose);
    });
  }
}

/** MS-DOS date and time, as ZIP keeps them (local time, two-second steps, from 1980). */
function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.max(1980, at.getFullYear());
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}

/**
 * Just enough of the ZIP format to tell the user what a downloaded archive holds: the names in
 * its central directory, and the text of one small entry (stored or deflated).
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

const utf8 = new TextDecoder();

/** The entries of a whole ZIP, from its central directory; an empty list if it is not one. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i -= 1) {
    if (view.getUint32(i, true) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return [];
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count && at + 46 <= bytes.length; n += 1) {
    if (view.getUint32(at, true) !== DIRECTORY_ENTRY) break;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      name: utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The text of one entry: stored as is, or deflated (the browser inflates it). */
export async function zipEntryText(bytes: Uint8Array, entry: ZipEntry): Promise<string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (view.getUint32(at, true) !== LOCAL_HEADER) return '';
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.slice(start, start + entry.compressedSize);
  if (entry.method === 0) return utf8.decode(data);
  const inflated = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(inflated).text();
}

/**
 * Names of entries whose local headers appear whole in a chunk of a ZIP as it streams in, for the
 * progress line only (a header split across two chunks is missed; the final count comes from the
 * central directory).
 */
export function namesInChunk(chunk: Uint8Array): string[] {
  const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const names: string[] = [];
  for (let i = 0; i + 30 <= chunk.length; i += 1) {
    if (chunk[i] !== 0x50 || view.getUint32(i, true) !== LOCAL_HEADER) continue;
    const nameLength = view.getUint16(i + 26, true);
    if (nameLength === 0 || i + 30 + nameLength > chunk.length) continue;
    names.push(utf8.decode(chunk.subarray(i + 30, i + 30 + nameLength)));
    i += 29 + nameLength;
  }
  return names;
}

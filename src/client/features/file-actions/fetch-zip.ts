import { apiPaths, ZIP_NOT_INCLUDED_ENTRY, type ZipRequest } from '../../../shared/api-contract.ts';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { fileNameFromDisposition } from '../../../shared/content-disposition.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { namesInChunk, zipEntries, zipEntryText } from './zip-entries.ts';

export interface ZipProgress {
  bytes: number;
  files: number;
  current: string | null;
}

export interface ZipResult {
  blob: Blob;
  /** The name the proxy gave the ZIP (the record's name), if any. */
  fileName: string | undefined;
  files: string[];
  /** The files NOT-INCLUDED.txt names as not in the ZIP, each with why: "name: reason". */
  notIncluded: string[];
}

/**
 * The files NOT-INCLUDED.txt lists, one "- name [id ...]: reason" line each under its heading,
 * as "name: reason"; a line of another shape is kept as it is.
 */
export function notIncludedLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.startsWith('- '))
    .map((line) => {
      const item = /^- (.*) \[id \d+\]: (.*)$/.exec(line);
      return item ? `${item[1]}: ${item[2]}` : line.slice(2);
    });
}

/**
 * What the proxy is asked for: the rows' ids, with their names as the list shows them, so that
 * NOT-INCLUDED.txt can name a file Bigin no longer has.
 */
export function zipRequestOf(rows: readonly Pick<Attachment, 'id' | 'File_Name'>[]): ZipRequest {
  const names: Record<string, string> = {};
  for (const row of rows) if (row.File_Name) names[row.id] = row.File_Name.slice(0, 255);
  return { ids: rows.map((row) => row.id), names };
}

/**
 * Asks the proxy for the chosen attachments as one ZIP and reads it as it streams, reporting
 * bytes and files so far. The whole ZIP is then handed to the browser to save.
 */
export async function fetchZip(
  module: string,
  recordId: string,
  chosen: ZipRequest,
  onProgress: (progress: ZipProgress) => void,
  signal: AbortSignal,
): Promise<ZipResult> {
  const response = await apiRequest(
    apiPaths.zip(module, recordId),
    { method: 'POST', json: chosen, accept: 'application/zip' },
    signal,
  );
  const chunks: Uint8Array[] = [];
  const progress: ZipProgress = { bytes: 0, files: 0, current: null };
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    progress.bytes += value.byteLength;
    const names = namesInChunk(value).filter((name) => name !== ZIP_NOT_INCLUDED_ENTRY);
    progress.files += names.length;
    progress.current = names.at(-1) ?? progress.current;
    onProgress({ ...progress });
  }
  const bytes = new Uint8Array(progress.bytes);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const entries = zipEntries(bytes);
  const report = entries.find((entry) => entry.name === ZIP_NOT_INCLUDED_ENTRY);
  const notIncluded = report ? notIncludedLines(await zipEntryText(bytes, report)) : [];
  return {
    blob: new Blob([bytes], { type: 'application/zip' }),
    fileName: fileNameFromDisposition(response.headers.get('Content-Disposition')),
    files: entries.map((entry) => entry.name).filter((name) => name !== ZIP_NOT_INCLUDED_ENTRY),
    notIncluded,
  };
}

import { BLOCKED_UPLOAD_EXTENSIONS } from './api-contract.ts';

/**
 * Bidirectional controls: embeddings and overrides (U+202A-202E), isolates (U+2066-2069) and the
 * marks (U+200E, U+200F, U+061C). They change how a name is drawn, not what it is:
 * `invoice\u202Efdp.exe` is drawn "invoiceexe.pdf", and `setup.exe\u202C` is an .exe to anything
 * that drops them (a download's name cleaned up, a copy to another system).
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu;

/** Windows drops trailing dots and spaces: `setup.exe. ` runs as `setup.exe`. */
const TRAILING_DOTS_AND_SPACES = /[.\s]+$/u;

/**
 * The names a file name may really stand for: the name without its bidirectional controls, and,
 * when it has a colon, each part of its last path segment between colons. On an NTFS disk
 * `setup.exe::$DATA` is `setup.exe` itself and `setup.exe:stream` a stream of it; a name such as
 * `notes.txt:run.exe` holds an .exe stream, and becomes `notes.txt_run.exe` where a colon is
 * replaced.
 */
export function realNames(fileName: string): string[] {
  const name = fileName.replace(BIDI_CONTROLS, '');
  const lastSegment = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const names = [name, ...(lastSegment.includes(':') ? lastSegment.split(':') : [])];
  return names.map((n) => n.replace(TRAILING_DOTS_AND_SPACES, ''));
}

/** The last extension of a name, lower-cased, or undefined without one. */
const lastExtension = (name: string) => /\.([^.]+)$/u.exec(name)?.[1]?.toLowerCase();

/**
 * The blocked extension (`exe`) a file name really has, or undefined when it may be uploaded:
 * judged on each of its realNames(), so that neither bidirectional controls nor an NTFS stream
 * suffix hide the type. The one check of both the browser (before a byte is sent) and the proxy
 * (which refuses it again, 415 PROXY_BLOCKED_TYPE), so that the two cannot differ.
 */
export function blockedExtension(
  fileName: string,
  blocked: readonly string[] = BLOCKED_UPLOAD_EXTENSIONS,
): string | undefined {
  for (const name of realNames(fileName)) {
    const extension = lastExtension(name);
    if (extension !== undefined && blocked.includes(extension)) return extension;
  }
  return undefined;
}

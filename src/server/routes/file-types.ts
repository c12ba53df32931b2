import { RECORD_PHOTO_TYPES } from '../../shared/record-photo.ts';

/**
 * Which bytes may be shown in the app's origin, and under which type. A file a customer sent can
 * be hostile: an HTML or SVG file rendered as a document on the app's origin could read the
 * user's data, so such types are never served as themselves.
 */

/** `type/subtype`, lower-cased, without parameters; undefined when it is not one. */
export function baseType(contentType: string | null | undefined): string | undefined {
  const base = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(base) ? base : undefined;
}

/** Types a browser renders as a document that can run script or load other resources. */
const ACTIVE =
  /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|text\/xsl|application\/xslt\+xml|multipart\/x-mixed-replace)$|\+xml$/;

/** The type a download is answered with: Bigin's, unless it is one a browser could run. */
export function downloadContentType(declared: string | null | undefined): string {
  const base = baseType(declared);
  if (!base || ACTIVE.test(base)) return 'application/octet-stream';
  const charset = /;\s*charset=("?)([\w.:-]{1,40})\1\s*(;|$)/i.exec(declared ?? '')?.[2];
  return charset ? `${base}; charset=${charset.toLowerCase()}` : base;
}

/** The extensions a preview is offered for, with the declared types each may carry. */
const PREVIEWABLE: Record<string, readonly string[]> = {
  png: ['image/png'],
  jpg: ['image/jpeg', 'image/pjpeg'],
  jpeg: ['image/jpeg', 'image/pjpeg'],
  gif: ['image/gif'],
  webp: ['image/webp'],
  pdf: ['application/pdf'],
  txt: ['text/plain'],
  mp3: ['audio/mpeg', 'audio/mp3'],
  m4a: ['audio/mp4', 'audio/x-m4a'],
  wav: ['audio/wav', 'audio/x-wav', 'audio/wave'],
  ogg: ['audio/ogg', 'video/ogg'],
  oga: ['audio/ogg'],
  opus: ['audio/ogg', 'audio/opus'],
  flac: ['audio/flac', 'audio/x-flac'],
  mp4: ['video/mp4', 'audio/mp4'],
  m4v: ['video/mp4', 'video/x-m4v'],
  webm: ['video/webm', 'audio/webm'],
  ogv: ['video/ogg'],
  mov: ['video/quicktime'],
};

export const extensionOf = (fileName: string | undefined) =>
  /\.([A-Za-z0-9]{1,10})$/.exec(fileName ?? '')?.[1]?.toLowerCase();

/**
 * The type a preview is served with, or undefined when the file may not be previewed. Both the
 * declared type and the name's extension must say the same safe thing: a `.png` declared as
 * `text/html`, or an `.html` declared as `image/png`, is refused.
 */
export function previewContentType(
  declared: string | null | undefined,
  fileName: string | undefined,
): string | undefined {
  const base = baseType(declared);
  const ext = extensionOf(fileName);
  if (!base || !ext) return undefined;
  const allowed = PREVIEWABLE[ext];
  if (!allowed?.includes(base)) return undefined;
  // Text is shown as UTF-8 whatever it declared: the app renders nothing else.
  return base === 'text/plain' ? 'text/plain; charset=utf-8' : base;
}

/**
 * Images a record photo may be, by declared type and by extension alike: the formats Zoho
 * documents for a photo (PNG, JPEG, GIF, BMP); anything else Bigin answers INVALID_DATA.
 */
export function isPhotoType(declared: string | undefined, fileName: string | undefined): boolean {
  const ext = extensionOf(fileName);
  const base = baseType(declared);
  return (
    ext !== undefined && base !== undefined && (RECORD_PHOTO_TYPES[ext]?.includes(base) ?? false)
  );
}

/** What a photo Bigin serves may be shown as: the raster types it takes, and WebP. */
const SHOWN_PHOTO_TYPES = new Set([...Object.values(RECORD_PHOTO_TYPES).flat(), 'image/webp']);

/** A photo as Bigin serves it: one of the raster image types, else not shown. */
export const isRasterImage = (declared: string | null | undefined) =>
  SHOWN_PHOTO_TYPES.has(baseType(declared) ?? '');

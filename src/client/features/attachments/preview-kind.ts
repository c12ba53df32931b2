import { isLinkAttachment, type Attachment } from '../../../shared/bigin-attachment.ts';

export type PreviewKind = 'image' | 'pdf' | 'text' | 'audio' | 'video' | 'none';

/**
 * What the preview panel can show, by extension: only types the browser renders without running
 * anything (the proxy's preview route serves the same list). SVG and HTML are documents that can carry script, so they are never previewed;
 * neither are raster types the browser may not decode (HEIC, BMP).
 */
const PREVIEWABLE: Record<string, PreviewKind> = {
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  webp: 'image',
  pdf: 'pdf',
  txt: 'text',
  mp3: 'audio',
  m4a: 'audio',
  wav: 'audio',
  ogg: 'audio',
  oga: 'audio',
  opus: 'audio',
  flac: 'audio',
  mp4: 'video',
  m4v: 'video',
  webm: 'video',
  ogv: 'video',
  mov: 'video',
};

export function previewKind(
  row: Pick<Attachment, 'File_Name' | '$type' | '$link_url'>,
): PreviewKind {
  if (isLinkAttachment(row)) return 'none';
  return PREVIEWABLE[extensionOf(row.File_Name ?? '')] ?? 'none';
}

/** Raster images get a thumbnail in the grid. */
export const hasThumbnail = (row: Pick<Attachment, 'File_Name' | '$type' | '$link_url'>) =>
  previewKind(row) === 'image';

/**
 * The extension as the server will see it: the last one, lower-cased, ignoring trailing dots and
 * spaces that Windows drops ("setup.exe." is an .exe there).
 */
export function extensionOf(name: string): string {
  const trimmed = name.replace(/[.\s]+$/u, '');
  return /\.([^.]+)$/.exec(trimmed)?.[1]?.toLowerCase() ?? '';
}

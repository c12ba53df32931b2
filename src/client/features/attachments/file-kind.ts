import { isLinkAttachment, type Attachment } from '../../../shared/bigin-attachment.ts';
import type { FileType } from './grid-view-state.ts';
import { extensionOf } from './preview-kind.ts';

export type FileKind = 'link' | 'image' | 'pdf' | 'text' | 'audio' | 'video' | 'archive' | 'other';

const BY_EXTENSION: Record<string, FileKind> = {
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  webp: 'image',
  bmp: 'image',
  svg: 'image',
  heic: 'image',
  pdf: 'pdf',
  txt: 'text',
  csv: 'text',
  md: 'text',
  log: 'text',
  json: 'text',
  xml: 'text',
  html: 'text',
  htm: 'text',
  doc: 'text',
  docx: 'text',
  rtf: 'text',
  odt: 'text',
  xls: 'text',
  xlsx: 'text',
  ppt: 'text',
  pptx: 'text',
  mp3: 'audio',
  wav: 'audio',
  ogg: 'audio',
  m4a: 'audio',
  flac: 'audio',
  mp4: 'video',
  webm: 'video',
  mov: 'video',
  avi: 'video',
  mkv: 'video',
  zip: 'archive',
  gz: 'archive',
  tgz: 'archive',
  '7z': 'archive',
  rar: 'archive',
  tar: 'archive',
};

/**
 * What kind of file an attachment is, from its type and name (Bigin sends no MIME type): the
 * extension as stored, last, whatever bidirectional controls make the name look like on screen.
 */
export function fileKind(a: Pick<Attachment, 'File_Name' | '$type' | '$link_url'>): FileKind {
  if (isLinkAttachment(a)) return 'link';
  return BY_EXTENSION[extensionOf(a.File_Name ?? '')] ?? 'other';
}

/** The file-type filter's group of each kind: documents are text, office and similar files. */
const TYPE_OF_KIND: Record<FileKind, FileType> = {
  image: 'images',
  pdf: 'pdfs',
  text: 'documents',
  link: 'links',
  audio: 'other',
  video: 'other',
  archive: 'other',
  other: 'other',
};

/** Which of the file-type filter's choices an attachment falls under. */
export const fileTypeOf = (a: Pick<Attachment, 'File_Name' | '$type' | '$link_url'>): FileType =>
  TYPE_OF_KIND[fileKind(a)];

/** A link is opened only when it is http or https: never javascript:, data: or the like. */
export function safeLinkUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

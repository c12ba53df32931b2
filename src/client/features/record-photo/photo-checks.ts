import { DEFAULT_MAX_UPLOAD_BYTES } from '../../../shared/api-contract.ts';
import { messages } from '../../i18n/messages.ts';
import { formatBytes } from '../../lib/format.ts';

/** The raster types Bigin keeps as a record photo (and the proxy accepts). */
const PHOTO_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
const PHOTO_EXTENSIONS = /\.(png|jpe?g|gif|webp)$/i;
export const PHOTO_ACCEPT = PHOTO_TYPES.join(',');

/** Why a file cannot be the record's photo, or null: both its type and its name must say image. */
export function photoProblem(
  file: Pick<File, 'name' | 'size' | 'type'>,
  maxBytes = DEFAULT_MAX_UPLOAD_BYTES,
): string | null {
  if (!PHOTO_TYPES.includes(file.type) || !PHOTO_EXTENSIONS.test(file.name))
    return messages.recordPhoto.notImage;
  if (file.size > maxBytes) return messages.recordPhoto.tooLarge(formatBytes(maxBytes));
  return null;
}

import { RECORD_PHOTO_MAX_BYTES, RECORD_PHOTO_TYPES } from '../../../shared/record-photo.ts';
import { errorFactsOf, errorTextFor } from '../../components/error-messages.ts';
import { messages } from '../../i18n/messages.ts';
import { ApiClientError } from '../../lib/api-client.ts';
import { formatBytes } from '../../lib/format.ts';

const words = messages.recordPhoto;

/** The formats Zoho documents for a record photo (PNG, JPEG, GIF, BMP), for the file chooser. */
export const PHOTO_ACCEPT = [...new Set(Object.values(RECORD_PHOTO_TYPES).flat())].join(',');

const extensionOf = (name: string) => /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1]?.toLowerCase();

/**
 * Why a file cannot be the record's photo, or null: its name and its type must say the same
 * image format, and it must fit Bigin's 10 MB (or a lower upload limit). Its resolution is left
 * to Bigin, which answers FILE_RESOLUTION_EXCEEDS past its limit.
 */
export function photoProblem(
  file: Pick<File, 'name' | 'size' | 'type'>,
  maxBytes = RECORD_PHOTO_MAX_BYTES,
): string | null {
  const ext = extensionOf(file.name);
  if (!ext || !RECORD_PHOTO_TYPES[ext]?.includes(file.type)) return words.notImage;
  if (file.size > maxBytes) return words.tooLarge(formatBytes(maxBytes));
  return null;
}

/**
 * What to tell the user when a photo was not changed: what happened and what to do. The proxy's
 * refusals say what the checks before sending say; Bigin's refusals of a photo (its size, its
 * resolution, its type) are said in the words of their banners; anything else in the server's
 * own message.
 */
export function photoFailureText(error: unknown): string {
  if (!(error instanceof ApiClientError)) {
    return words.failed(messages.actionReasons.CLIENT_ANSWER_LOST);
  }
  const facts = errorFactsOf(error);
  switch (facts.code) {
    case 'PROXY_BLOCKED_TYPE':
      return words.notImage;
    case 'PROXY_FILE_TOO_LARGE': {
      const limit = Number(facts.details.limit_bytes);
      return words.tooLarge(formatBytes(limit > 0 ? limit : RECORD_PHOTO_MAX_BYTES));
    }
    case 'FILE_SIZE_EXCEEDS':
    case 'FILE_RESOLUTION_EXCEEDS':
    case 'INVALID_DATA': {
      const text = errorTextFor(facts);
      return words.failed(`${text.what} ${text.todo}`);
    }
    default:
      return words.failed(error.body.message);
  }
}

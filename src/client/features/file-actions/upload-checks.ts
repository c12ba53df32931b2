import { BLOCKED_UPLOAD_EXTENSIONS } from '../../../shared/api-contract.ts';
import { formatBytes } from '../../lib/format.ts';
import { messages } from '../../i18n/messages.ts';
import { extensionOf } from '../attachments/preview-kind.ts';

const words = messages.upload;

/**
 * Why a file will not be sent, or null when it may be: checked before a byte leaves the
 * browser (the proxy checks again; Bigin refuses `.exe` and files over its limit anyway).
 */
export function uploadProblem(file: Pick<File, 'name' | 'size'>, maxBytes: number): string | null {
  const extension = extensionOf(file.name);
  if (extension && BLOCKED_UPLOAD_EXTENSIONS.includes(extension)) return words.blocked(extension);
  if (file.size > maxBytes) return words.tooLarge(formatBytes(maxBytes));
  if (file.size === 0) return words.empty;
  return null;
}

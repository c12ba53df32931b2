import { blockedExtension } from '../../../shared/blocked-extension.ts';
import { formatBytes } from '../../lib/format.ts';
import { messages } from '../../i18n/messages.ts';

const words = messages.upload;

/**
 * Why a file will not be sent, or null when it may be: checked before a byte leaves the
 * browser (the proxy checks again; Bigin refuses `.exe` and files over its limit anyway).
 */
export function uploadProblem(file: Pick<File, 'name' | 'size'>, maxBytes: number): string | null {
  // The same check as the proxy's: by the extension the name really has.
  const extension = blockedExtension(file.name);
  if (extension) return words.blocked(extension);
  if (file.size > maxBytes) return words.tooLarge(formatBytes(maxBytes));
  if (file.size === 0) return words.empty;
  return null;
}

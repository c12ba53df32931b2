import type { WriteResult } from '../../../shared/api-contract.ts';
import { attachmentSchema, type Attachment } from '../../../shared/bigin-attachment.ts';

/**
 * The row of a file just uploaded, from Bigin's answer (its id, times and who created it) and
 * the file itself: shown at once, even when Bigin lists it on a page the app has not loaded
 * (Bigin lists a record's attachments oldest first). Null when the answer names no id.
 */
export function uploadedRow(
  file: Pick<File, 'name' | 'size'>,
  result: WriteResult,
): Attachment | null {
  const details = result.data[0]?.details ?? {};
  const parsed = attachmentSchema.safeParse({
    ...details,
    File_Name: file.name,
    Size: String(file.size),
    Owner: details.Created_By,
    $type: 'Attachment',
    $editable: true,
    $link_url: null,
  });
  return parsed.success ? parsed.data : null;
}

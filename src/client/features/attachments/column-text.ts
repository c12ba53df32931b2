import { isLinkAttachment, type Attachment } from '../../../shared/bigin-attachment.ts';
import { formatBytes, formatDateTime } from '../../lib/format.ts';
import type { SortableField } from './grid-view-state.ts';

/**
 * What each column says of a row, in the user's locale and time zone: the grid's cells and the
 * first rows shown before the grid say the same.
 */
export const columnText: Record<SortableField, (a: Attachment) => string> = {
  File_Name: (a) => a.File_Name,
  // A link has no size of its own.
  Size: (a) => (isLinkAttachment(a) ? '—' : formatBytes(Number(a.Size))),
  Owner: (a) => a.Owner.name,
  Created_By: (a) => a.Created_By.name,
  Created_Time: (a) => formatDateTime(a.Created_Time),
  Modified_By: (a) => a.Modified_By.name,
  Modified_Time: (a) => formatDateTime(a.Modified_Time),
};

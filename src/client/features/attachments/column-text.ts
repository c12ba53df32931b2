import { isLinkAttachment, type Attachment } from '../../../shared/bigin-attachment.ts';
import { messages } from '../../i18n/messages.ts';
import { formatBytes, formatDateTime } from '../../lib/format.ts';
import type { SortableField } from './grid-view-state.ts';
import { visibleName } from './visible-name.ts';

const { unnamed, unknown, listMeta, kind } = messages.attachments;

/**
 * The name an attachment is shown and announced by, even when Bigin sent none; a control that
 * would reorder it on screen is shown as a marked code point (visible-name.ts).
 */
export const attachmentName = (a: Pick<Attachment, 'File_Name'>): string =>
  a.File_Name?.trim() ? visibleName(a.File_Name) : unnamed;

/**
 * What each column says of a row, in the user's locale and time zone: the grid's cells and the
 * first rows shown before the grid say the same. What Bigin did not send (or sent unreadable)
 * shows as a dash.
 */
export const columnText: Record<SortableField, (a: Attachment) => string> = {
  File_Name: attachmentName,
  // A link has no size of its own.
  Size: (a) => (isLinkAttachment(a) || a.Size == null ? unknown : formatBytes(Number(a.Size))),
  Owner: (a) => a.Owner?.name ?? unknown,
  Created_By: (a) => a.Created_By?.name ?? unknown,
  Created_Time: (a) => (a.Created_Time ? formatDateTime(a.Created_Time) : unknown),
  Modified_By: (a) => a.Modified_By?.name ?? unknown,
  Modified_Time: (a) => (a.Modified_Time ? formatDateTime(a.Modified_Time) : unknown),
};

/** The list layout's line under a name: its size (or that it is a link) and when it changed. */
export const listMetaText = (a: Attachment): string =>
  listMeta(isLinkAttachment(a) ? kind.link : columnText.Size(a), columnText.Modified_Time(a));

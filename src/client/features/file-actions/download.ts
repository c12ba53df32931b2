import { apiPaths } from '../../../shared/api-contract.ts';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { isLinkAttachment } from '../../../shared/bigin-attachment.ts';
import { apiUrl } from '../../lib/api-client.ts';
import { safeLinkUrl } from '../attachments/file-kind.ts';

/**
 * Where a row leads: the proxy's download (`Content-Disposition: attachment`, so the browser
 * streams it to disk and stays on the page), or a link's own address when it is http(s).
 * Null for a link that is not safe to open.
 */
export function attachmentHref(module: string, recordId: string, row: Attachment): string | null {
  if (isLinkAttachment(row)) return safeLinkUrl(row.$link_url);
  return apiUrl(apiPaths.download(module, recordId, row.id));
}

/** The attributes of an anchor that opens a row (see `attachmentAnchor`). */
export type AttachmentAnchor = { href: string; 'data-id': string } & (
  { target: '_blank'; rel: 'noopener noreferrer' } | { download: '' }
);

/**
 * The anchor that opens a row, wherever it is drawn: the row's button, the row's menu, Enter on
 * the row. A file downloads (a plain navigation: the browser saves the streamed bytes, nothing is
 * held in memory here); a link opens in a new tab. Each names its attachment as the grid's row
 * does (`data-id`): a menu or an anchor made by code is outside the row, and a link's address
 * alone does not say which attachment it is to whoever watches clicks (the widget tells its host
 * what was opened). Null for a link that is not safe to open.
 */
export function attachmentAnchor(
  module: string,
  recordId: string,
  row: Attachment,
): AttachmentAnchor | null {
  const href = attachmentHref(module, recordId, row);
  if (!href) return null;
  return isLinkAttachment(row)
    ? { href, 'data-id': row.id, target: '_blank', rel: 'noopener noreferrer' }
    : { href, 'data-id': row.id, download: '' };
}

/** Downloads a file, or opens a link in a new tab, as a click on its anchor would. */
export function openAttachment(module: string, recordId: string, row: Attachment): void {
  const attributes = attachmentAnchor(module, recordId, row);
  if (!attributes) return;
  const anchor = document.createElement('a');
  for (const [name, value] of Object.entries(attributes)) anchor.setAttribute(name, value);
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

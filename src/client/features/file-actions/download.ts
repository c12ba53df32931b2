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

/** Downloads a file, or opens a link in a new tab, as a click on its anchor would. */
export function openAttachment(module: string, recordId: string, row: Attachment): void {
  const href = attachmentHref(module, recordId, row);
  if (!href) return;
  const anchor = document.createElement('a');
  anchor.href = href;
  // Named as the grid's row names it: outside the grid, a link's address alone does not say which
  // attachment it is to whoever watches clicks (the widget tells its host what was opened).
  anchor.dataset.id = row.id;
  if (isLinkAttachment(row)) {
    anchor.target = '_blank';
    anchor.rel = 'noopener noreferrer';
  } else {
    // A plain navigation: the browser saves the streamed bytes; nothing is held in memory here.
    anchor.download = '';
  }
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

import type { QueryClient } from '@tanstack/react-query';
import { recordPageOf } from '../../shared/record-page.ts';
import { attachmentPageQuery } from '../features/attachments/attachment-queries.ts';
import { loadRecordPage } from './lazy-pages.ts';

/**
 * On a deep link, asks for the record page's code and the first page of attachments at once,
 * before React has rendered anything: otherwise the data would wait for the code to arrive.
 * (The proxy's preload hint has usually started the same request already; the browser then
 * answers this one from it.)
 */
export function warmUp(pathname: string, queryClient: QueryClient): void {
  const record = recordPageOf(pathname);
  if (!record) return;
  void loadRecordPage();
  void queryClient.prefetchQuery(attachmentPageQuery(record.module, record.recordId, 1));
}

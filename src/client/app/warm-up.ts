import type { QueryClient } from '@tanstack/react-query';
import { attachmentPageQuery } from '../features/attachments/attachment-queries.ts';
import { loadRecordPage } from './lazy-pages.ts';

const RECORD_PATH = /^\/([A-Za-z][A-Za-z0-9_]{0,49})\/(\d{1,19})\/?$/;

/**
 * On a deep link, asks for the record page's code and the first page of attachments at once,
 * before React has rendered anything: otherwise the data would wait for the code to arrive.
 */
export function warmUp(pathname: string, queryClient: QueryClient): void {
  const match = RECORD_PATH.exec(pathname);
  if (!match) return;
  const [, module = '', recordId = ''] = match;
  void loadRecordPage();
  void queryClient.prefetchQuery(attachmentPageQuery(decodeURIComponent(module), recordId, 1));
}

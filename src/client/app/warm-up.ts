import type { QueryClient } from '@tanstack/react-query';
import { attachmentPageQuery } from '../features/attachments/attachment-queries.ts';
import type { FirstPaint } from '../features/attachments/first-paint.ts';
import { loadRecordPage } from './lazy-pages.ts';

/**
 * On a deep link, asks for the record page's code before React has rendered anything, and gives
 * the app's query the first page of attachments the first frame already asked for (the proxy's
 * preload hint has usually started that request with the page itself): one request, not two.
 */
export function warmUp(queryClient: QueryClient, firstPaint: FirstPaint | null): void {
  if (!firstPaint) return;
  void loadRecordPage();
  const { module, recordId, firstPage } = firstPaint;
  void queryClient.prefetchQuery({
    ...attachmentPageQuery(module, recordId, 1),
    queryFn: () => firstPage,
  });
}

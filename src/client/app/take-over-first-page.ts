import type { QueryClient } from '@tanstack/react-query';
import { attachmentPageQuery } from '../features/attachments/attachment-queries.ts';
import type { FirstPaint } from '../features/attachments/first-paint.ts';

/**
 * Gives the app's query the first page of attachments that a deep link's first frame already
 * asked for (the proxy's preload hint has usually started that request with the page itself):
 * one request, not two.
 */
export function takeOverFirstPage(queryClient: QueryClient, firstPaint: FirstPaint): void {
  const { module, recordId, firstPage } = firstPaint;
  void queryClient.prefetchQuery({
    ...attachmentPageQuery(module, recordId, 1),
    queryFn: () => firstPage,
  });
}

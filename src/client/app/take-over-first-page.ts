import type { QueryClient } from '@tanstack/react-query';
import { attachmentPageQuery } from '../features/attachments/attachment-queries.ts';
import type { FirstPaint } from '../features/attachments/first-paint.ts';
import { recordDetailQuery } from '../features/record-header/record-detail-query.ts';

/**
 * Gives the app's queries what a deep link's first frame already asked for: the first page of
 * attachments (the proxy's preload hint has usually started that request with the page itself)
 * and the record's name. One request each, not two; and the header shows the name the frame drew
 * from its first render, so the rows below it stay where they are.
 */
export function takeOverFirstPage(queryClient: QueryClient, firstPaint: FirstPaint): void {
  const { module, recordId, firstPage, record } = firstPaint;
  void queryClient.prefetchQuery({
    ...attachmentPageQuery(module, recordId, 1),
    queryFn: () => firstPage,
  });
  void queryClient.prefetchQuery({
    ...recordDetailQuery(module, recordId),
    queryFn: () => record,
  });
}

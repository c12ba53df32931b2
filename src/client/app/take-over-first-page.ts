import type { QueryClient, QueryFunction, QueryKey, SkipToken } from '@tanstack/react-query';
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
  takeOver(queryClient, attachmentPageQuery(module, recordId, 1), firstPage);
  takeOver(queryClient, recordDetailQuery(module, recordId), record);
}

/**
 * Starts a query with an answer already on its way. Only its first attempt takes that answer: a
 * retry (after a 5xx, say) asks the proxy again, as the query itself would.
 */
function takeOver<T, K extends QueryKey>(
  queryClient: QueryClient,
  query: { queryKey: K; queryFn?: QueryFunction<T, K> | SkipToken },
  answer: Promise<T>,
): void {
  let first: Promise<T> | null = answer;
  const ask = query.queryFn;
  void queryClient.prefetchQuery({
    ...query,
    queryFn: (context) => {
      const taken = first;
      first = null;
      if (taken) return taken;
      if (typeof ask !== 'function') throw new Error('The query has no way to ask again');
      return ask(context);
    },
  });
}

import { useQueries, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { AttachmentPage } from '../../../shared/api-contract.ts';
import { BIGIN_MAX_PER_PAGE, type Attachment } from '../../../shared/bigin-attachment.ts';
import { attachmentPageQuery } from './attachment-queries.ts';

export interface LoadedAttachments {
  rows: Attachment[];
  /** Bigin said more rows exist beyond those loaded. */
  moreRecords: boolean;
  /** Items of the loaded pages that could not be read (no id), left out of `rows`. */
  unreadable: number;
  /** The first page has not arrived yet. */
  initialLoading: boolean;
  /** A further Bigin page is on its way. */
  loadingMore: boolean;
  /** The first failure among the pages, if any. */
  error: Error | null;
  refetch: () => void;
}

/**
 * Joins the pages held, in order, up to the first one missing. A stable function: React Query
 * then hands back the same object (and the same `rows` array) until a page changes.
 */
function combinePages(results: UseQueryResult<AttachmentPage>[]): LoadedAttachments {
  const rows: Attachment[] = [];
  let moreRecords = false;
  let unreadable = 0;
  for (const result of results) {
    if (!result.data) break;
    rows.push(...result.data.data);
    moreRecords = result.data.info.more_records;
    unreadable += result.data.unreadable ?? 0;
  }
  return {
    rows,
    moreRecords,
    unreadable,
    initialLoading: results[0]?.isPending ?? true,
    loadingMore: results.some((r, i) => i > 0 && r.isFetching),
    error: results.find((r) => r.error)?.error ?? null,
    refetch: () => results.forEach((r) => r.error && void r.refetch()),
  };
}

/**
 * A record's attachments, loaded one Bigin page (200 rows) at a time, in order, until at least
 * `rowsWanted` rows are held or Bigin has no more. Each page is fetched once and cached, so a
 * record costs at most ceil(rows / 200) calls to Bigin.
 */
export function useAttachmentPages(
  module: string,
  recordId: string,
  rowsWanted: number,
  /** Keep loading until Bigin has no more (each page still fetched once). */
  loadAll = false,
): LoadedAttachments {
  const queryClient = useQueryClient();
  const cachedPage = (n: number) =>
    queryClient.getQueryData(attachmentPageQuery(module, recordId, n).queryKey);
  // Pages already held stay in view (rows never shrink when the user pages back); with loadAll,
  // one page beyond the last one held, for as long as each says more exist.
  let held = 0;
  while (cachedPage(held + 1)) held += 1;
  const beyond = loadAll && cachedPage(held)?.info.more_records ? 1 : 0;
  const pagesWanted = Math.max(1, Math.ceil(rowsWanted / BIGIN_MAX_PER_PAGE), held + beyond);
  return useQueries({
    queries: Array.from({ length: pagesWanted }, (_, i) => ({
      ...attachmentPageQuery(module, recordId, i + 1),
      // Page n+1 exists only if page n said so: ask for it only then.
      enabled: i === 0 || cachedPage(i)?.info.more_records === true,
    })),
    combine: combinePages,
  });
}

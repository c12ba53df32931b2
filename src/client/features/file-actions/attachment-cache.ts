import type { QueryClient } from '@tanstack/react-query';
import type { AttachmentPage } from '../../../shared/api-contract.ts';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { attachmentKeys, attachmentPageQuery } from '../attachments/attachment-queries.ts';

export type CacheSnapshot = [readonly unknown[], AttachmentPage | undefined][];

/**
 * Takes rows out of every cached page of the record at once (the user sees them leave before
 * Bigin answers) and returns what the pages held, to put back if Bigin refuses.
 */
export function removeCachedRows(
  queryClient: QueryClient,
  module: string,
  recordId: string,
  ids: ReadonlySet<string>,
): CacheSnapshot {
  const filters = { queryKey: attachmentKeys.pages(module, recordId) };
  const snapshot = queryClient.getQueriesData<AttachmentPage>(filters);
  queryClient.setQueriesData<AttachmentPage>(filters, (page) =>
    page && Array.isArray(page.data)
      ? { ...page, data: page.data.filter((row) => !ids.has(row.id)) }
      : page,
  );
  return snapshot;
}

/** Puts the pages back as they were before `removeCachedRows`. */
export function restoreCachedRows(queryClient: QueryClient, snapshot: CacheSnapshot): void {
  for (const [key, page] of snapshot) queryClient.setQueryData(key, page);
}

/** Every row held for the record, in page order: the pages held, up to the first one missing. */
export function cachedRows(
  queryClient: QueryClient,
  module: string,
  recordId: string,
): Attachment[] {
  const rows: Attachment[] = [];
  for (let n = 1; ; n += 1) {
    const page = queryClient.getQueryData(attachmentPageQuery(module, recordId, n).queryKey);
    if (!page) return rows;
    rows.push(...page.data);
  }
}

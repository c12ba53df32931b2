import type { QueryClient } from '@tanstack/react-query';
import type { AttachmentPage } from '../../../shared/api-contract.ts';
import type { Attachment } from '../../../shared/bigin-attachment.ts';

/** Every cached page of a record's attachments, and anything else kept under the record. */
export const recordAttachmentsKey = (module: string, recordId: string) =>
  ['attachments', module, recordId] as const;

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
  const key = recordAttachmentsKey(module, recordId);
  const snapshot = queryClient.getQueriesData<AttachmentPage>({ queryKey: key });
  queryClient.setQueriesData<AttachmentPage>({ queryKey: key }, (page) =>
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

/** Every row held for the record, in page order. */
export function cachedRows(
  queryClient: QueryClient,
  module: string,
  recordId: string,
): Attachment[] {
  return queryClient
    .getQueriesData<AttachmentPage>({
      queryKey: [...recordAttachmentsKey(module, recordId), 'page'],
    })
    .sort(([a], [b]) => Number(a[4]) - Number(b[4]))
    .flatMap(([, page]) => page?.data ?? []);
}

import type { QueryClient } from '@tanstack/react-query';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { attachmentPageQuery } from '../attachments/attachment-queries.ts';

/**
 * Lists every attachment of the record afresh, page after page, updating the grid's cache on the
 * way: after a lost answer this is the only way to know what Bigin holds.
 */
export async function listAllAttachments(
  queryClient: QueryClient,
  module: string,
  recordId: string,
): Promise<Attachment[]> {
  const rows: Attachment[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await queryClient.fetchQuery({
      ...attachmentPageQuery(module, recordId, page),
      staleTime: 0,
      retry: 2,
    });
    rows.push(...answer.data);
    if (!answer.info.more_records) return rows;
  }
}

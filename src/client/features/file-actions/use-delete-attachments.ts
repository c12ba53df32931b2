import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPaths } from '../../../shared/api-contract.ts';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { apiWrite } from '../../lib/api-client.ts';
import { settleLimited } from '../../lib/settle-limited.ts';
import { attachmentKeys } from '../attachments/attachment-queries.ts';
import { removeCachedRows, restoreCachedRows, type CacheSnapshot } from './attachment-cache.ts';

/** Leaves room within Bigin's five concurrent calls for the grid's own reads. */
const DELETES_IN_FLIGHT = 3;

export interface DeleteOutcome {
  deleted: Attachment[];
  /** Rows Bigin refused to delete, with the first reason; they are back in the grid. */
  refused: Attachment[];
  error: unknown;
}

/**
 * Deletes attachments one call each (Bigin's `?ids=` form is CRM's, not documented for Bigin).
 * The rows leave the grid at once; any that Bigin refuses come back, and the caller says why.
 */
export function useDeleteAttachments(module: string, recordId: string) {
  const queryClient = useQueryClient();
  return useMutation<DeleteOutcome, Error, Attachment[], CacheSnapshot>({
    onMutate: async (rows) => {
      await queryClient.cancelQueries({ queryKey: attachmentKeys.record(module, recordId) });
      return removeCachedRows(queryClient, module, recordId, new Set(rows.map((r) => r.id)));
    },
    mutationFn: async (rows) => {
      const results = await settleLimited(rows, DELETES_IN_FLIGHT, (row) =>
        apiWrite(apiPaths.deleteAttachment(module, recordId, row.id), { method: 'DELETE' }),
      );
      const refused = rows.filter((_, i) => results[i]?.status === 'rejected');
      const firstFailure = results.find((r) => r.status === 'rejected');
      return {
        deleted: rows.filter((_, i) => results[i]?.status === 'fulfilled'),
        refused,
        error: firstFailure?.status === 'rejected' ? firstFailure.reason : null,
      };
    },
    onSuccess: (outcome, _rows, snapshot) => {
      if (outcome.refused.length === 0) return;
      // Put everything back, then take out again only what Bigin did delete.
      restoreCachedRows(queryClient, snapshot);
      removeCachedRows(queryClient, module, recordId, new Set(outcome.deleted.map((r) => r.id)));
    },
    onError: (_error, _rows, snapshot) => {
      if (snapshot) restoreCachedRows(queryClient, snapshot);
    },
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: attachmentKeys.record(module, recordId) }),
  });
}

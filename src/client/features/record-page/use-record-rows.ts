import { useMemo, useState } from 'react';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { viewRows } from '../attachments/attachment-rows.ts';
import { isWholeRecordView, type GridViewState } from '../attachments/grid-view-state.ts';
import { useAttachmentPages } from '../attachments/use-attachment-pages.ts';

/**
 * The rows a view of a record shows, over Bigin pages of 200. The plain view (Bigin's order, no
 * search or filter) loads a page as the user nears it. A search, sort or type filter is over the
 * whole record: the remaining pages are loaded first (each once, in order: ceil(n / 200) calls in
 * all), their rows shown as they come, unless the user stops it. Rows just uploaded (`arrived`,
 * newest first) come first, in any view they match, wherever Bigin lists them.
 */
export function useRecordRows(
  module: string,
  recordId: string,
  view: GridViewState,
  arrived: readonly Attachment[],
) {
  const whole = isWholeRecordView(view);
  const [stopped, setStopped] = useState(false);
  // The current grid page and the next one: the next Bigin page is asked for before it is needed.
  const rowsWanted = (view.page + 2) * view.pageSize;
  const loaded = useAttachmentPages(module, recordId, rowsWanted, whole && !stopped);

  const { search, type } = view;
  const sortField = view.sort?.field;
  const sortDirection = view.sort?.direction;
  const shown = useMemo(() => {
    const sort = sortField && sortDirection ? { field: sortField, direction: sortDirection } : null;
    const listed = new Map(loaded.rows.map((row) => [row.id, row]));
    // Bigin's own row once it is listed; until then, the one made from its upload's answer.
    const pinned = arrived.map((row) => listed.get(row.id) ?? row);
    const pinnedIds = new Set(pinned.map((row) => row.id));
    return [
      ...viewRows(pinned, search, null, type),
      ...viewRows(
        loaded.rows.filter((row) => !pinnedIds.has(row.id)),
        search,
        sort,
        type,
      ),
    ];
  }, [loaded.rows, arrived, search, type, sortField, sortDirection]);

  // Rows held in all, with those uploaded that Bigin lists on a page not loaded yet.
  const held = useMemo(() => {
    const ids = new Set(loaded.rows.map((row) => row.id));
    return [...loaded.rows, ...arrived.filter((row) => !ids.has(row.id))];
  }, [loaded.rows, arrived]);

  return {
    loaded,
    held,
    shown,
    /** The rest of the record is being loaded for this view. */
    loadingAll: whole && !stopped && loaded.moreRecords,
    /** The user stopped that: the view is over the rows loaded so far. */
    stopped: whole && stopped && loaded.moreRecords,
    stop: () => setStopped(true),
    loadRest: () => setStopped(false),
  };
}

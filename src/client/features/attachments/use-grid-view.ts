import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { parseGridView, writeGridView, type GridViewState } from './grid-view-state.ts';

/**
 * The grid's view, read from and written to the URL. A change replaces the current history entry
 * (a copied link or a reload keeps the view), so Back leaves the record, as it does in file lists,
 * rather than stepping back through every page and sort.
 *
 * The view is held here and the URL follows it: the router renders a navigation some time after
 * it is asked for, and a key pressed in between (the next page right after a sort) must meet the
 * view the user just chose, not the one before. A URL the app did not write (back, forward, a
 * link) is taken over as soon as it is seen.
 */
export function useGridView(): [
  GridViewState,
  (patch: Partial<GridViewState>, options?: { replace?: boolean }) => void,
] {
  const [params, setParams] = useSearchParams();
  const url = params.toString();
  // `seen`: the URL last seen from the router; `pending`: URLs written here that it has not
  // shown yet. A URL that is neither is a change from outside.
  const [held, setHeld] = useState(() => ({
    view: parseGridView(params),
    seen: url,
    pending: [] as string[],
  }));
  let current = held;
  if (held.seen !== url) {
    const own = held.pending.indexOf(url);
    current =
      own >= 0
        ? { ...held, seen: url, pending: held.pending.slice(own + 1) }
        : { view: parseGridView(params), seen: url, pending: [] };
    setHeld(current);
  }
  // What the user sees is what the next change starts from: the committed view, not that of a
  // render React may still throw away (the grid can call back with props from such a render).
  const committed = useRef(current);
  useLayoutEffect(() => {
    committed.current = current;
  });
  const update = useCallback(
    (patch: Partial<GridViewState>, options: { replace?: boolean } = {}) => {
      const base = committed.current;
      const view = { ...base.view, ...patch };
      // Onto the address the app last asked for, which the router may not show yet.
      const next = writeGridView(view, new URLSearchParams(base.pending.at(-1) ?? base.seen));
      committed.current = { ...base, view, pending: [...base.pending, next.toString()] };
      setHeld(committed.current);
      setParams(next, { replace: options.replace ?? true });
    },
    [setParams],
  );
  return [current.view, update];
}

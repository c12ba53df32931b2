import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { parseGridView, writeGridView, type GridViewState } from './grid-view-state.ts';

/**
 * The grid's view read from, and written to, the URL. Page, size, sort and columns push a history
 * entry (back and forward step through them); typing a search replaces the current one.
 */
export function useGridView(): [
  GridViewState,
  (patch: Partial<GridViewState>, options?: { replace?: boolean }) => void,
] {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseGridView(params), [params]);
  const update = useCallback(
    (patch: Partial<GridViewState>, options: { replace?: boolean } = {}) => {
      setParams((current) => writeGridView({ ...parseGridView(current), ...patch }, current), {
        replace: options.replace ?? false,
      });
    },
    [setParams],
  );
  return [view, update];
}

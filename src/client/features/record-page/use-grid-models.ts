import type {
  GridColumnVisibilityModel,
  GridFilterModel,
  GridPaginationModel,
  GridSortModel,
} from '@mui/x-data-grid';
import { useCallback, useMemo } from 'react';
import { rememberHiddenColumns } from '../attachments/column-choice.ts';
import type { GridViewState, PageSize, SortableField } from '../attachments/grid-view-state.ts';

/**
 * The grid's page, sort, search and columns, as models read from the view (the URL's), and the
 * callbacks that write the grid's changes back to it. `page` is the page shown (the view's, or
 * the last one the held rows fill); `hidden`, the table's hidden columns.
 */
export function useGridModels(
  view: GridViewState,
  updateView: (patch: Partial<GridViewState>) => void,
  { page, pageSize }: { page: number; pageSize: number },
  layout: 'table' | 'list',
  hidden: readonly string[],
) {
  // The grid treats a new model object as a change (and goes back to the first page): hand it
  // the same objects until their values change.
  const sortField = view.sort?.field;
  const sortDirection = view.sort?.direction;
  const { search } = view;
  const paginationModel = useMemo(() => ({ page, pageSize }), [page, pageSize]);
  const sortModel = useMemo<GridSortModel>(
    () => (sortField && sortDirection ? [{ field: sortField, sort: sortDirection }] : []),
    [sortField, sortDirection],
  );
  const filterModel = useMemo<GridFilterModel>(
    () => ({ items: [], quickFilterValues: search ? search.split(/\s+/) : [] }),
    [search],
  );
  const hiddenList = hidden.join(',');
  const columnVisibilityModel = useMemo(
    () =>
      layout === 'list'
        ? {}
        : Object.fromEntries(
            hiddenList
              .split(',')
              .filter(Boolean)
              .map((field) => [field, false]),
          ),
    [hiddenList, layout],
  );

  // The callbacks too keep their identity until what they read changes: the grid is memoised on
  // its props, and a new callback renders all of it again.
  const onPagination = useCallback(
    (model: GridPaginationModel) => {
      if (model.page === page && model.pageSize === pageSize) return;
      updateView({
        page: model.pageSize !== pageSize ? 0 : model.page,
        pageSize: model.pageSize as PageSize,
      });
    },
    [page, pageSize, updateView],
  );
  const onSort = useCallback(
    (model: GridSortModel) => {
      const first = model[0];
      updateView({
        sort: first?.sort ? { field: first.field as SortableField, direction: first.sort } : null,
        page: 0,
      });
    },
    [updateView],
  );
  const onFilter = useCallback(
    (model: GridFilterModel) => {
      const next = (model.quickFilterValues ?? []).join(' ');
      if (next !== search) updateView({ search: next, page: 0 });
    },
    [search, updateView],
  );
  const onColumns = useCallback(
    (model: GridColumnVisibilityModel) => {
      if (layout === 'list') return;
      const chosen = Object.keys(model).filter((field) => model[field] === false);
      // Remembered in this browser: the next record opens with the same columns.
      rememberHiddenColumns(chosen);
      updateView({ hidden: chosen });
    },
    [layout, updateView],
  );

  return {
    paginationModel,
    sortModel,
    filterModel,
    columnVisibilityModel,
    onPagination,
    onSort,
    onFilter,
    onColumns,
  };
}

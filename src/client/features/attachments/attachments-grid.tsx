import { Alert, Box, Button, Snackbar, Stack, Typography } from '@mui/material';
import {
  DataGrid,
  type GridColumnVisibilityModel,
  type GridFilterModel,
  type GridPaginationModel,
  type GridSortModel,
} from '@mui/x-data-grid';
import { useMemo, useState } from 'react';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { attachmentColumns } from './attachment-columns.tsx';
import { viewRows } from './attachment-rows.ts';
import { gridText } from './grid-text.ts';
import { PAGE_SIZES, type PageSize, type SortableField } from './grid-view-state.ts';
import { useAttachmentPages } from './use-attachment-pages.ts';
import { useGridView } from './use-grid-view.ts';

interface AttachmentsGridProps {
  module: string;
  recordId: string;
}

/**
 * A record's attachments, a grid page (25, 50 or 100 rows) at a time, over Bigin pages of 200.
 * The next Bigin page is fetched as the user nears it; rows on screen stay while it loads.
 */
export function AttachmentsGrid({ module, recordId }: AttachmentsGridProps) {
  const [view, updateView] = useGridView();
  const [loadAll, setLoadAll] = useState(false);
  // The current grid page and the next one: the next Bigin page is asked for before it is needed.
  const rowsWanted = (view.page + 2) * view.pageSize;
  const loaded = useAttachmentPages(module, recordId, rowsWanted, loadAll);

  const shown = useMemo(
    () => viewRows(loaded.rows, view.search, view.sort),
    [loaded.rows, view.search, view.sort],
  );
  const lastPage = Math.max(0, Math.ceil(shown.length / view.pageSize) - 1);
  const page = loaded.moreRecords ? view.page : Math.min(view.page, lastPage);
  const pageRows = useMemo(
    () => shown.slice(page * view.pageSize, (page + 1) * view.pageSize),
    [shown, page, view.pageSize],
  );

  // While a further Bigin page is on its way, the rows on screen stay there.
  const waitingForRows = pageRows.length === 0 && loaded.loadingMore;
  const [heldRows, setHeldRows] = useState(pageRows);
  if (!waitingForRows && heldRows !== pageRows) setHeldRows(pageRows);
  const rows = waitingForRows ? heldRows : pageRows;

  if (loaded.error && loaded.rows.length === 0) {
    return <ErrorBanner error={loaded.error} onRetry={loaded.refetch} />;
  }

  const onPagination = (model: GridPaginationModel) =>
    updateView({
      page: model.pageSize !== view.pageSize ? 0 : model.page,
      pageSize: model.pageSize as PageSize,
    });
  const onSort = (model: GridSortModel) => {
    const first = model[0];
    updateView({
      sort: first?.sort ? { field: first.field as SortableField, direction: first.sort } : null,
      page: 0,
    });
  };
  const onFilter = (model: GridFilterModel) =>
    updateView({ search: (model.quickFilterValues ?? []).join(' '), page: 0 }, { replace: true });
  const onColumns = (model: GridColumnVisibilityModel) =>
    updateView({ hidden: Object.keys(model).filter((field) => model[field] === false) });

  const searching = view.search !== '';
  return (
    <Stack spacing={1}>
      <Stack
        direction="row"
        spacing={2}
        sx={{ alignItems: 'center', minHeight: 36, flexWrap: 'wrap' }}
      >
        <Typography variant="body2" role="status" aria-live="polite">
          {loaded.initialLoading
            ? ''
            : gridText.loadedCount(loaded.rows.length, loaded.moreRecords)}
          {searching && !loaded.initialLoading ? ` · ${gridText.matchCount(shown.length)}` : ''}
          {loaded.loadingMore ? ` · ${gridText.loadingMore}` : ''}
        </Typography>
        {loaded.moreRecords && (searching || view.sort) && (
          <>
            <Typography variant="body2" color="text.secondary">
              {gridText.searchScope}
            </Typography>
            <Button size="small" onClick={() => setLoadAll(true)} disabled={loadAll}>
              {gridText.loadAll}
            </Button>
          </>
        )}
      </Stack>
      <Box sx={{ width: '100%' }}>
        <DataGrid
          label={gridText.gridLabel(module, recordId)}
          rows={rows}
          columns={attachmentColumns}
          loading={loaded.initialLoading || waitingForRows}
          autoHeight
          paginationMode="server"
          sortingMode="server"
          filterMode="server"
          rowCount={loaded.moreRecords ? -1 : shown.length}
          paginationMeta={{
            hasNextPage: (page + 1) * view.pageSize < shown.length || loaded.moreRecords,
          }}
          paginationModel={{ page, pageSize: view.pageSize }}
          onPaginationModelChange={onPagination}
          pageSizeOptions={[...PAGE_SIZES]}
          sortModel={view.sort ? [{ field: view.sort.field, sort: view.sort.direction }] : []}
          onSortModelChange={onSort}
          filterModel={{ items: [], quickFilterValues: searching ? view.search.split(/\s+/) : [] }}
          onFilterModelChange={onFilter}
          columnVisibilityModel={Object.fromEntries(view.hidden.map((field) => [field, false]))}
          onColumnVisibilityModelChange={onColumns}
          disableColumnFilter
          disableRowSelectionOnClick
          showToolbar
          slotProps={{
            toolbar: {
              showQuickFilter: true,
              quickFilterProps: { debounceMs: 300 },
              csvOptions: { disableToolbarButton: true },
              printOptions: { disableToolbarButton: true },
            },
            loadingOverlay: { variant: 'skeleton', noRowsVariant: 'skeleton' },
          }}
          localeText={{ noRowsLabel: gridText.empty, noResultsOverlayLabel: gridText.noMatch }}
        />
      </Box>
      <Snackbar open={Boolean(loaded.error) && loaded.rows.length > 0}>
        <Alert
          severity="warning"
          variant="filled"
          action={
            <Button color="inherit" size="small" onClick={loaded.refetch}>
              {gridText.retry}
            </Button>
          }
        >
          {gridText.refreshFailed}
        </Alert>
      </Snackbar>
    </Stack>
  );
}

import { Alert, Box, Button, Snackbar, Stack, Typography } from '@mui/material';
import {
  DataGrid,
  gridClasses,
  type GridColumnVisibilityModel,
  type GridFilterModel,
  type GridPaginationModel,
  type GridRowSelectionModel,
  type GridSortModel,
} from '@mui/x-data-grid';
import { useMemo, useState } from 'react';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { TooltipHost } from '../../components/tooltip-host.tsx';
import { attachmentColumns, cellStyles } from '../attachments/attachment-columns.tsx';
import { viewRows } from '../attachments/attachment-rows.ts';
import {
  CELL_PADDING_X,
  COLUMN_HEADER_HEIGHT,
  FILE_TOOLBAR,
  GRID_HEIGHT,
  GRID_TOOLBAR,
  px,
  ROW_HEIGHT,
} from '../../app/record-page-geometry.ts';
import { messages } from '../../i18n/messages.ts';
import { PAGE_SIZES, type PageSize, type SortableField } from '../attachments/grid-view-state.ts';
import { useAttachmentPages } from '../attachments/use-attachment-pages.ts';
import { useGridView } from '../attachments/use-grid-view.ts';
import { openAttachment } from '../file-actions/download.ts';
import { withFileActions } from '../file-actions/file-action-columns.tsx';
import { FileToolbar } from '../file-actions/file-toolbar.tsx';
import { useFileActions } from '../file-actions/use-file-actions.tsx';
import { useFileDrop } from '../file-actions/use-file-drop.tsx';

const gridText = messages.attachments;
const noSelection: GridRowSelectionModel = { type: 'include', ids: new Set() };

/** The grid's own toolbar and cell padding, at the sizes the first frame draws them. */
const gridStyles = {
  ...cellStyles,
  [`& .${gridClasses.toolbar}`]: {
    minHeight: GRID_TOOLBAR.height,
    padding: px(GRID_TOOLBAR.padding),
  },
  [`& .${gridClasses.toolbarLabel}`]: { marginInline: px(GRID_TOOLBAR.labelMarginX) },
  [`& .${gridClasses.cell}, & .${gridClasses.columnHeader}`]: {
    paddingInline: px(CELL_PADDING_X),
  },
} as const;

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
  const actions = useFileActions(module, recordId);
  const dropOverlay = useFileDrop(actions.can.upload ? actions.upload : null);
  const columns = useMemo(
    () => withFileActions(attachmentColumns, actions.handlers),
    [actions.handlers],
  );
  // Selection survives paging: the grid keeps ids of rows that are not on the current page.
  const [selection, setSelection] = useState<GridRowSelectionModel>(noSelection);

  const { search, pageSize } = view;
  const sortField = view.sort?.field;
  const sortDirection = view.sort?.direction;
  const hidden = view.hidden.join(',');

  const shown = useMemo(
    () =>
      viewRows(
        loaded.rows,
        search,
        sortField && sortDirection ? { field: sortField, direction: sortDirection } : null,
      ),
    [loaded.rows, search, sortField, sortDirection],
  );
  // The page the URL asks for, once its rows are held. Until then the grid stays on the last page
  // it can fill, so the rows on screen stay there while the next Bigin page loads.
  const lastFilledPage = Math.max(0, Math.ceil(shown.length / pageSize) - 1);
  const page = Math.min(view.page, lastFilledPage);
  const waitingForRows = view.page > lastFilledPage && loaded.moreRecords;
  const rows = useMemo(
    () => shown.slice(page * pageSize, (page + 1) * pageSize),
    [shown, page, pageSize],
  );
  // A known count keeps the grid from moving the page on its own. While Bigin has more, it is one
  // beyond what is held, so "next" stays open; the label says "more than" instead.
  // "Select all" arrives as everything but the ids named: read it as the rows on this page, never
  // every row loaded, so that a delete touches only what the user can see.
  const selected = useMemo(
    () =>
      selection.type === 'include'
        ? loaded.rows.filter((row) => selection.ids.has(row.id))
        : rows.filter((row) => !selection.ids.has(row.id)),
    [loaded.rows, rows, selection],
  );
  const rowCount = loaded.moreRecords ? shown.length + 1 : shown.length;

  // The grid treats a new model object as a change (and goes back to the first page): hand it
  // the same objects until their values change.
  const paginationModel = useMemo(() => ({ page, pageSize }), [page, pageSize]);
  const sortModel = useMemo<GridSortModel>(
    () => (sortField && sortDirection ? [{ field: sortField, sort: sortDirection }] : []),
    [sortField, sortDirection],
  );
  const filterModel = useMemo<GridFilterModel>(
    () => ({ items: [], quickFilterValues: search ? search.split(/\s+/) : [] }),
    [search],
  );
  const columnVisibilityModel = useMemo(
    () =>
      Object.fromEntries(
        hidden
          .split(',')
          .filter(Boolean)
          .map((field) => [field, false]),
      ),
    [hidden],
  );

  if (loaded.error && loaded.rows.length === 0) {
    return <ErrorBanner error={loaded.error} onRetry={loaded.refetch} />;
  }

  const onPagination = (model: GridPaginationModel) => {
    if (model.page === page && model.pageSize === pageSize) return;
    updateView({
      page: model.pageSize !== pageSize ? 0 : model.page,
      pageSize: model.pageSize as PageSize,
    });
  };
  const onSort = (model: GridSortModel) => {
    const first = model[0];
    updateView({
      sort: first?.sort ? { field: first.field as SortableField, direction: first.sort } : null,
      page: 0,
    });
  };
  const onFilter = (model: GridFilterModel) => {
    const next = (model.quickFilterValues ?? []).join(' ');
    if (next !== search) updateView({ search: next, page: 0 }, { replace: true });
  };
  const onColumns = (model: GridColumnVisibilityModel) =>
    updateView({ hidden: Object.keys(model).filter((field) => model[field] === false) });

  const searching = view.search !== '';
  return (
    <Stack spacing={px(FILE_TOOLBAR.stackGap)}>
      <FileToolbar selected={selected} actions={actions} />
      <Stack
        direction="row"
        spacing={2}
        sx={{ alignItems: 'center', minHeight: FILE_TOOLBAR.statusLineHeight, flexWrap: 'wrap' }}
      >
        <Typography variant="body2" role="status" aria-live="polite">
          {loaded.initialLoading
            ? ''
            : gridText.loadedCount(loaded.rows.length, loaded.moreRecords)}
          {searching && !loaded.initialLoading ? ` · ${gridText.matchCount(shown.length)}` : ''}
          {loaded.loadingMore ? ` · ${gridText.loadingMore}` : ''}
          {loaded.unreadable > 0 ? ` · ${gridText.unreadable(loaded.unreadable)}` : ''}
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
      <Box sx={{ width: '100%', height: GRID_HEIGHT }}>
        <TooltipHost>
          <DataGrid
            label={gridText.gridLabel(module, recordId)}
            sx={gridStyles}
            rows={rows}
            columns={columns}
            rowHeight={ROW_HEIGHT}
            columnHeaderHeight={COLUMN_HEADER_HEIGHT}
            checkboxSelection
            keepNonExistentRowsSelected
            rowSelectionModel={selection}
            onRowSelectionModelChange={setSelection}
            onCellKeyDown={(params, event) => {
              // Enter on a row's cell downloads it (or opens its link), as the row's button does.
              if (
                event.key !== 'Enter' ||
                params.field === '__check__' ||
                params.field === 'actions'
              )
                return;
              event.preventDefault();
              openAttachment(module, recordId, params.row);
            }}
            loading={loaded.initialLoading || waitingForRows}
            paginationMode="server"
            sortingMode="server"
            filterMode="server"
            rowCount={rowCount}
            paginationModel={paginationModel}
            onPaginationModelChange={onPagination}
            pageSizeOptions={[...PAGE_SIZES]}
            sortModel={sortModel}
            onSortModelChange={onSort}
            filterModel={filterModel}
            onFilterModelChange={onFilter}
            columnVisibilityModel={columnVisibilityModel}
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
            localeText={{
              noRowsLabel: gridText.empty,
              noResultsOverlayLabel: gridText.noMatch,
              paginationDisplayedRows: ({ from, to }) =>
                gridText.displayedRows(
                  from,
                  Math.min(to, shown.length),
                  shown.length,
                  loaded.moreRecords,
                ),
            }}
          />
        </TooltipHost>
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
          {gridText.loadFailed}
        </Alert>
      </Snackbar>
      {actions.overlays}
      {dropOverlay}
    </Stack>
  );
}

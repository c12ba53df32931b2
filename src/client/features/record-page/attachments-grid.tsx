import { Alert, Box, Button, Snackbar, Stack } from '@mui/material';
import { DataGrid, gridClasses, useGridApiRef, type GridRowSelectionModel } from '@mui/x-data-grid';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { HostedTooltip, TooltipHost } from '../../components/tooltip-host.tsx';
import { attachmentColumns, cellStyles, listColumns } from '../attachments/attachment-columns.tsx';
import {
  CELL_PADDING_X,
  COLUMN_HEADER_HEIGHT,
  FILE_TOOLBAR,
  GRID_HEIGHT,
  GRID_TOOLBAR,
  LIST_LAYOUT,
  px,
  ROW_HEIGHT,
} from '../../app/record-page-geometry.ts';
import { messages } from '../../i18n/messages.ts';
import { useModuleLabel } from '../../lib/module-queries.ts';
import { useElementWidth } from '../../lib/use-element-width.ts';
import { hiddenColumns } from '../attachments/column-choice.ts';
import { PAGE_SIZES } from '../attachments/grid-view-state.ts';
import { useGridView } from '../attachments/use-grid-view.ts';
import { ViewControls } from '../attachments/view-controls.tsx';
import { EmptyRecord } from '../file-actions/empty-record.tsx';
import { withFileActions } from '../file-actions/file-action-columns.tsx';
import { FileToolbar } from '../file-actions/file-toolbar.tsx';
import { onGridKey } from '../file-actions/grid-keys.ts';
import { ThumbnailLinks } from '../file-actions/thumbnail-links.tsx';
import { useFileActions } from '../file-actions/use-file-actions.tsx';
import { useFileDrop } from '../file-actions/use-file-drop.tsx';
import { recordDetailQuery } from '../record-header/record-detail-query.ts';
import { GridStatus } from './grid-status.tsx';
import { useGridModels } from './use-grid-models.ts';
import { useRecordRows } from './use-record-rows.ts';

const gridText = messages.attachments;
const noSelection: GridRowSelectionModel = { type: 'include', ids: new Set() };
const pageSizeOptions = [...PAGE_SIZES];
/** The headers' and toolbar's tooltips are the TooltipHost's around the grid. */
const slots = { baseTooltip: HostedTooltip };

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
  // A row just uploaded stands out until the page is left.
  '& .row-new': { backgroundColor: 'rgba(var(--mui-palette-primary-mainChannel) / 0.12)' },
} as const;

interface AttachmentsGridProps {
  module: string;
  recordId: string;
}

/**
 * A record's attachments, a grid page (25, 50 or 100 rows) at a time, over Bigin pages of 200:
 * a table, or on a narrow grid (a phone, a widget) a list. The next Bigin page is fetched as the
 * user nears it, and every page when the view searches, sorts or filters (use-record-rows.ts).
 */
export function AttachmentsGrid({ module, recordId }: AttachmentsGridProps) {
  const [view, updateView] = useGridView();
  const actions = useFileActions(module, recordId);
  const { loaded, held, shown, ...whole } = useRecordRows(module, recordId, view, actions.arrived);
  const record = useQuery(recordDetailQuery(module, recordId));
  const moduleLabel = useModuleLabel(module);
  const dropOverlay = useFileDrop(actions.can.upload ? actions.upload : null);
  const apiRef = useGridApiRef();
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const layout = width !== null && width < LIST_LAYOUT.below ? 'list' : 'table';

  const arrivedIds = useMemo(
    () => new Set(actions.arrived.map((row) => row.id)),
    [actions.arrived],
  );
  const columns = useMemo(
    () =>
      withFileActions(
        layout === 'list' ? listColumns : attachmentColumns,
        actions.handlers,
        layout,
        (row) => arrivedIds.has(row.id),
      ),
    [layout, actions.handlers, arrivedIds],
  );
  // Selection survives paging: the grid keeps ids of rows that are not on the current page.
  const [selection, setSelection] = useState<GridRowSelectionModel>(noSelection);

  // A file just uploaded is shown where the user looks: first, on the first page, in view.
  const newest = actions.arrived[0]?.id;
  const shownNewest = useRef(newest);
  useEffect(() => {
    if (!newest || newest === shownNewest.current) return;
    shownNewest.current = newest;
    updateView({ page: 0 });
    apiRef.current?.scrollToIndexes({ rowIndex: 0 });
  }, [newest, updateView, apiRef]);

  const { pageSize } = view;
  // The page the URL asks for, once its rows are held. Until then the grid stays on the last page
  // it can fill, so the rows on screen stay there while the next Bigin page loads.
  const lastFilledPage = Math.max(0, Math.ceil(shown.length / pageSize) - 1);
  const page = Math.min(view.page, lastFilledPage);
  const waitingForRows = view.page > lastFilledPage && loaded.moreRecords;
  const rows = useMemo(
    () => shown.slice(page * pageSize, (page + 1) * pageSize),
    [shown, page, pageSize],
  );
  // "Select all" arrives as everything but the ids named: read it as the rows on this page, never
  // every row loaded, so that a delete touches only what the user can see.
  const selected = useMemo(
    () =>
      selection.type === 'include'
        ? held.filter((row) => selection.ids.has(row.id))
        : rows.filter((row) => !selection.ids.has(row.id)),
    [held, rows, selection],
  );
  // A known count keeps the grid from moving the page on its own. While Bigin has more, it is one
  // beyond what is held, so "next" stays open; the label says "more than" instead.
  const rowCount = loaded.moreRecords ? shown.length + 1 : shown.length;

  const hidden = hiddenColumns(view, loaded.rows, width ?? 0);
  const models = useGridModels(view, updateView, { page, pageSize }, layout, hidden);

  // Every prop below keeps its identity until what it depends on changes: the grid is memoised
  // on its props, and a new callback or object renders all of it again (as the session's or the
  // modules' answer, arriving just after the first rows, would).
  const rowClassName = useCallback(
    ({ id }: { id: string | number }) => (arrivedIds.has(String(id)) ? 'row-new' : ''),
    [arrivedIds],
  );
  const { can, confirmDelete } = actions;
  // Enter downloads, Space selects, Delete asks to delete the selection.
  const onCellKey = useCallback(
    (params: { row: unknown; field: string }, event: KeyboardEvent) =>
      onGridKey({ row: params.row as Attachment, field: params.field }, event, {
        module,
        recordId,
        actions: { can, confirmDelete },
        selected,
        toggle: (row) => apiRef.current?.selectRow(row.id, !apiRef.current.isRowSelected(row.id)),
      }),
    [module, recordId, can, confirmDelete, selected, apiRef],
  );

  const emptyRecord =
    !loaded.initialLoading && !loaded.error && !loaded.moreRecords && held.length === 0;
  const nothingShown =
    held.length === 0
      ? gridText.empty
      : loaded.moreRecords
        ? gridText.noLoadedMatch
        : gridText.noMatch;
  const shownCount = shown.length;
  const { moreRecords } = loaded;
  const localeText = useMemo(
    () => ({
      // The empty record's offer says it, over the grid.
      noRowsLabel: emptyRecord ? '' : nothingShown,
      noResultsOverlayLabel: nothingShown,
      paginationDisplayedRows: ({ from, to }: { from: number; to: number }) =>
        gridText.displayedRows(from, Math.min(to, shownCount), shownCount, moreRecords),
    }),
    [emptyRecord, nothingShown, shownCount, moreRecords],
  );
  const slotProps = useMemo(
    () =>
      ({
        toolbar: {
          showQuickFilter: true,
          quickFilterProps: { debounceMs: 300 },
          csvOptions: { disableToolbarButton: true },
          printOptions: { disableToolbarButton: true },
          mainControls: <ViewControls view={view} onChange={updateView} layout={layout} />,
        },
        loadingOverlay: { variant: 'linear-progress', noRowsVariant: 'skeleton' },
      }) as const,
    [view, updateView, layout],
  );

  if (loaded.error && loaded.rows.length === 0) {
    return <ErrorBanner error={loaded.error} onRetry={loaded.refetch} />;
  }
  return (
    <Stack spacing={px(FILE_TOOLBAR.stackGap)}>
      <FileToolbar selected={selected} actions={actions} offersAdding={!emptyRecord} />
      <GridStatus
        view={view}
        loaded={loaded}
        heldCount={held.length}
        shownCount={shown.length}
        {...whole}
      />
      <Box ref={box} sx={{ position: 'relative', width: '100%', height: GRID_HEIGHT }}>
        {width !== null && (
          // The image rows of this grid page get their thumbnails' links in one call.
          <ThumbnailLinks module={module} recordId={recordId} rows={rows}>
            <TooltipHost>
              <DataGrid
                apiRef={apiRef}
                label={gridText.gridLabel(record.data?.name ?? null, moduleLabel)}
                sx={gridStyles}
                rows={rows}
                columns={columns}
                rowHeight={layout === 'list' ? LIST_LAYOUT.rowHeight : ROW_HEIGHT}
                // The list's two lines need a standard row, even in the widget's compact grid.
                density={layout === 'list' ? 'standard' : undefined}
                columnHeaderHeight={COLUMN_HEADER_HEIGHT}
                getRowClassName={rowClassName}
                checkboxSelection
                keepNonExistentRowsSelected
                rowSelectionModel={selection}
                onRowSelectionModelChange={setSelection}
                onCellKeyDown={onCellKey}
                loading={loaded.initialLoading || waitingForRows || whole.loadingAll}
                paginationMode="server"
                sortingMode="server"
                filterMode="server"
                rowCount={rowCount}
                paginationModel={models.paginationModel}
                onPaginationModelChange={models.onPagination}
                pageSizeOptions={pageSizeOptions}
                sortModel={models.sortModel}
                onSortModelChange={models.onSort}
                filterModel={models.filterModel}
                onFilterModelChange={models.onFilter}
                columnVisibilityModel={models.columnVisibilityModel}
                onColumnVisibilityModelChange={models.onColumns}
                disableColumnFilter
                disableColumnSelector={layout === 'list'}
                disableRowSelectionOnClick
                showToolbar
                slots={slots}
                slotProps={slotProps}
                localeText={localeText}
              />
            </TooltipHost>
          </ThumbnailLinks>
        )}
        {/* A record with nothing attached offers to attach something, where rows would be. */}
        {emptyRecord && width !== null && <EmptyRecord actions={actions} />}
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
      {actions.renderOverlays(shown)}
      {dropOverlay}
    </Stack>
  );
}

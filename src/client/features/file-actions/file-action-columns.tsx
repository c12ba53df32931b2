import { Box } from '@mui/material';
import type { GridColDef } from '@mui/x-data-grid';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { ACTIONS_COLUMN_WIDTH, LIST_LAYOUT } from '../../app/record-page-geometry.ts';
import { visuallyHidden } from '../../components/visually-hidden.ts';
import { messages } from '../../i18n/messages.ts';
import { RowActions, type RowActionHandlers } from './row-actions.tsx';
import { RowActionsMenu } from './row-actions-menu.tsx';
import { ThumbnailNameCell } from './thumbnail-links.tsx';

/**
 * The grid's columns with thumbnails for raster images (their links from ThumbnailLinks, which
 * wraps the grid) and a column of each row's actions: its buttons in the table, one menu button
 * in the list layout. The grid puts the selection checkboxes first, as file lists do. Rows named
 * in `isNew` (just uploaded) are marked.
 */
export function withFileActions(
  columns: GridColDef<Attachment>[],
  handlers: RowActionHandlers,
  layout: 'table' | 'list',
  isNew: (row: Attachment) => boolean,
): GridColDef<Attachment>[] {
  const withThumbnails = columns.map((column) =>
    column.field === 'File_Name'
      ? {
          ...column,
          renderCell: ({ row }: { row: Attachment }) => (
            <ThumbnailNameCell row={row} meta={layout === 'list'} isNew={isNew(row)} />
          ),
        }
      : column,
  );
  return [
    ...withThumbnails,
    {
      field: 'actions',
      headerName: messages.fileActions.actionsColumn,
      width: layout === 'list' ? LIST_LAYOUT.actionsWidth : ACTIONS_COLUMN_WIDTH,
      sortable: false,
      hideable: false,
      disableColumnMenu: true,
      // The list's narrow column says its name to screen readers only.
      ...(layout === 'list'
        ? {
            renderHeader: () => (
              <Box component="span" sx={visuallyHidden}>
                {messages.fileActions.actionsColumn}
              </Box>
            ),
          }
        : {}),
      renderCell: ({ row }) =>
        layout === 'list' ? (
          <RowActionsMenu row={row} handlers={handlers} />
        ) : (
          <RowActions row={row} handlers={handlers} />
        ),
    },
  ];
}

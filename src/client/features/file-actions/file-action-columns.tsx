import { GRID_CHECKBOX_SELECTION_COL_DEF, type GridColDef } from '@mui/x-data-grid';
import { apiPaths } from '../../../shared/api-contract.ts';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { ACTIONS_COLUMN_WIDTH } from '../../app/record-page-geometry.ts';
import { messages } from '../../i18n/messages.ts';
import { apiUrl } from '../../lib/api-client.ts';
import { FileNameCell } from '../attachments/attachment-columns.tsx';
import { hasThumbnail } from '../attachments/preview-kind.ts';
import { RowActions, type RowActionHandlers } from './row-actions.tsx';

/**
 * The grid's columns with thumbnails for raster images, the selection checkboxes and a column of
 * each row's actions. The checkboxes sit beside the actions they feed, so the data columns keep
 * their places: the file name stays the first cell of a row.
 */
export function withFileActions(
  columns: GridColDef<Attachment>[],
  handlers: RowActionHandlers,
): GridColDef<Attachment>[] {
  const { module, recordId } = handlers;
  const withThumbnails = columns.map((column) =>
    column.field === 'File_Name'
      ? {
          ...column,
          renderCell: ({ row }: { row: Attachment }) => (
            <FileNameCell
              row={row}
              {...(hasThumbnail(row)
                ? { thumbnail: apiUrl(apiPaths.preview(module, recordId, row.id)) }
                : {})}
            />
          ),
        }
      : column,
  );
  return [
    ...withThumbnails,
    GRID_CHECKBOX_SELECTION_COL_DEF,
    {
      field: 'actions',
      headerName: messages.fileActions.actionsColumn,
      width: ACTIONS_COLUMN_WIDTH,
      sortable: false,
      hideable: false,
      disableColumnMenu: true,
      renderCell: ({ row }) => <RowActions row={row} handlers={handlers} />,
    },
  ];
}

import { Box, Tooltip } from '@mui/material';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import {
  formatBytes,
  formatDateTime,
  formatExactBytes,
  formatFullDateTime,
} from '../../lib/format.ts';

const columns: GridColDef<Attachment>[] = [
  { field: 'File_Name', headerName: 'File name', flex: 2, minWidth: 200 },
  {
    field: 'Size',
    headerName: 'Size',
    width: 110,
    type: 'number',
    // Sorted by bytes; shown in a human unit, the exact count on hover.
    valueGetter: (value: string) => Number(value),
    renderCell: ({ value }) => (
      <Tooltip title={formatExactBytes(value as number)}>
        <span>{formatBytes(value as number)}</span>
      </Tooltip>
    ),
  },
  {
    field: 'Owner',
    headerName: 'Owner',
    flex: 1,
    minWidth: 140,
    valueGetter: (value: Attachment['Owner']) => value.name,
  },
  dateColumn('Created_Time', 'Created'),
  dateColumn('Modified_Time', 'Modified'),
];

function dateColumn(
  field: 'Created_Time' | 'Modified_Time',
  headerName: string,
): GridColDef<Attachment> {
  return {
    field,
    headerName,
    width: 190,
    // ISO strings with the same offset sort as text; parse to be safe across offsets.
    sortComparator: (a: string, b: string) => Date.parse(a) - Date.parse(b),
    renderCell: ({ value }) => (
      <Tooltip title={formatFullDateTime(value as string)}>
        <time dateTime={value as string}>{formatDateTime(value as string)}</time>
      </Tooltip>
    ),
  };
}

interface AttachmentsGridProps {
  rows: Attachment[];
  loading: boolean;
  label: string;
}

export function AttachmentsGrid({ rows, loading, label }: AttachmentsGridProps) {
  return (
    <Box sx={{ width: '100%' }}>
      <DataGrid
        aria-label={label}
        rows={rows}
        columns={columns}
        loading={loading}
        autoHeight
        pageSizeOptions={[25, 50, 100]}
        initialState={{ pagination: { paginationModel: { pageSize: 25, page: 0 } } }}
        disableRowSelectionOnClick
        localeText={{ noRowsLabel: 'This record has no attachments.' }}
      />
    </Box>
  );
}

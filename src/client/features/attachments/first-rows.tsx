import { Box, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { PageLoading } from '../../app/layout.tsx';
import { messages } from '../../i18n/messages.ts';
import { attachmentPageQuery } from './attachment-queries.ts';
import { columnText } from './column-text.ts';
import {
  ACTIONS_COLUMN_WIDTH,
  CHECKBOX_COLUMN_WIDTH,
  COLUMN_HEADER_HEIGHT,
  COLUMN_SIZES,
  GRID_HEIGHT,
  ROW_HEIGHT,
} from './grid-layout.ts';
import { parseGridView, SORTABLE_FIELDS, type SortableField } from './grid-view-state.ts';

const gridText = messages.attachments;

/** The grid's column widths as CSS grid tracks; the selection and actions columns stay empty. */
const tracks = (columns: SortableField[]) =>
  [
    ...columns.map((field) => {
      const size = COLUMN_SIZES[field];
      return 'width' in size ? `${size.width}px` : `minmax(${size.minWidth}px, ${size.flex}fr)`;
    }),
    `${CHECKBOX_COLUMN_WIDTH}px`,
    `${ACTIONS_COLUMN_WIDTH}px`,
  ].join(' ');

/** Rows rendered at most: as many as the grid shows on a tall screen before scrolling. */
const MAX_ROWS = 25;

/**
 * The record page's first rows, shown while the page's code (the data grid, the largest part of
 * the app) is still loading: the first page of attachments is often here well before it, and
 * reading the file names need not wait. Laid out where the grid will be, in its columns and row
 * heights, so that nothing jumps when the grid takes over. Shown only for the view the grid opens
 * on (first page, Bigin's order, no search): any other view waits for the grid.
 */
export function FirstRows() {
  const { module = '', recordId = '' } = useParams();
  const [params] = useSearchParams();
  const view = parseGridView(params);
  const firstPage = useQuery(attachmentPageQuery(module, recordId, 1));
  const rows = firstPage.data?.data.slice(0, Math.min(view.pageSize, MAX_ROWS)) ?? [];
  if (view.page !== 0 || view.sort || view.search || rows.length === 0) return <PageLoading />;

  const columns = SORTABLE_FIELDS.filter((field) => !view.hidden.includes(field));
  const label = gridText.gridLabel(module, recordId);
  return (
    <Stack spacing={2} aria-busy="true">
      {/* The record's name, the file actions and the row count come with the page's code; their
          places are kept so that the rows below start where the grid's will. */}
      <Box sx={{ height: 113 }} />
      <Box sx={{ height: { xs: 70 + 36, sm: 31 + 36 } }} />
      <Box
        sx={{
          height: GRID_HEIGHT,
          border: 1,
          borderColor: 'divider',
          borderRadius: 1,
          overflow: 'hidden',
          typography: 'body2',
          '& [role=row]': {
            display: 'grid',
            gridTemplateColumns: tracks(columns),
            minWidth: 'fit-content',
            height: ROW_HEIGHT,
            borderBottom: 1,
            borderColor: 'divider',
          },
          '& [role=row]:first-of-type': {
            height: COLUMN_HEADER_HEIGHT,
            borderTop: 1,
            borderColor: 'divider',
          },
          '& [role=cell], & [role=columnheader]': {
            px: '10px',
            alignSelf: 'center',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: 'nowrap',
          },
          '& [role=columnheader]': { fontWeight: 500 },
          '& .size': { textAlign: 'right' },
          // Room for the type icon the grid shows before the name.
          '& [role=cell].name': { pl: '46px' },
        }}
      >
        {/* The grid's own toolbar, with its label. */}
        <Typography sx={{ height: 52, px: '10px', display: 'flex', alignItems: 'center' }}>
          {label}
        </Typography>
        <div role="table" aria-label={label}>
          <div role="row">
            {columns.map((field) => (
              <div key={field} role="columnheader" className={CLASS[field]}>
                {gridText.columns[field]}
              </div>
            ))}
          </div>
          {rows.map((attachment) => (
            <div key={attachment.id} role="row">
              {columns.map((field) => (
                <div key={field} role="cell" className={CLASS[field]}>
                  {columnText[field](attachment)}
                </div>
              ))}
            </div>
          ))}
        </div>
      </Box>
    </Stack>
  );
}

const CLASS: Partial<Record<SortableField, string>> = { File_Name: 'name', Size: 'size' };

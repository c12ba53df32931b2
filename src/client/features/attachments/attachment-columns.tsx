import { attachmentName } from './column-text.ts';
import ArchiveIcon from '@mui/icons-material/FolderZipOutlined';
import AudioIcon from '@mui/icons-material/AudioFileOutlined';
import FileIcon from '@mui/icons-material/InsertDriveFileOutlined';
import ImageIcon from '@mui/icons-material/ImageOutlined';
import LinkIcon from '@mui/icons-material/LinkOutlined';
import PdfIcon from '@mui/icons-material/PictureAsPdfOutlined';
import TextIcon from '@mui/icons-material/DescriptionOutlined';
import VideoIcon from '@mui/icons-material/VideoFileOutlined';
import { Box, Link } from '@mui/material';
import type { SvgIconComponent } from '@mui/icons-material';
import type { GridColDef } from '@mui/x-data-grid';
import { isLinkAttachment, type Attachment } from '../../../shared/bigin-attachment.ts';
import { tooltip } from '../../components/tooltip-host.tsx';
import { visuallyHidden } from '../../components/visually-hidden.ts';
import { formatExactBytes, formatFullDateTime } from '../../lib/format.ts';
import { messages } from '../../i18n/messages.ts';
import { fileKind, safeLinkUrl, type FileKind } from './file-kind.ts';
import { columnText, listMetaText } from './column-text.ts';
import { COLUMN_SIZES, NAME_CELL, px } from '../../app/record-page-geometry.ts';

const gridText = messages.attachments;

const ICONS: Record<FileKind, SvgIconComponent> = {
  link: LinkIcon,
  image: ImageIcon,
  pdf: PdfIcon,
  text: TextIcon,
  audio: AudioIcon,
  video: VideoIcon,
  archive: ArchiveIcon,
  other: FileIcon,
};

/**
 * The file's name, with its type's icon, or a thumbnail when one is given (an image's preview
 * address; '' holds its place while the address is on its way): loaded lazily, and only for the rows the grid renders. Plain elements styled once by
 * the grid (`cellStyles`): a page of rows mounts at once. In the list layout (`meta`), its size
 * and date go on a line under the name.
 */
export function FileNameCell({
  row,
  thumbnail,
  meta = false,
  isNew = false,
}: {
  row: Attachment;
  thumbnail?: string;
  meta?: boolean;
  /** Just uploaded: marked as new. */
  isNew?: boolean;
}) {
  const kind = fileKind(row);
  const Icon = ICONS[kind];
  const url = kind === 'link' ? safeLinkUrl(row.$link_url) : null;
  const name = url ? (
    <Link href={url} target="_blank" rel="noopener noreferrer" noWrap>
      {attachmentName(row)}
      <Box component="span" sx={visuallyHidden}>{` (${gridText.opensInNewTab})`}</Box>
    </Link>
  ) : (
    <span className="file-name">{attachmentName(row)}</span>
  );
  const marker = isNew ? (
    <span className="file-new" title={gridText.newRowLabel}>
      {gridText.newRow}
    </span>
  ) : null;
  return (
    <span className="file-name-cell">
      {/* The name carries its extension for screen readers; the icon is for the eye. */}
      <span className="file-kind" title={gridText.kind[kind]}>
        {thumbnail !== undefined ? (
          <img
            className="file-thumbnail"
            src={thumbnail || undefined}
            alt=""
            loading="lazy"
            decoding="async"
            width={NAME_CELL.thumbnailSize}
            height={NAME_CELL.thumbnailSize}
          />
        ) : (
          <Icon fontSize="small" aria-hidden color={kind === 'link' ? 'primary' : 'action'} />
        )}
      </span>
      {meta ? (
        <span className="file-words">
          <span className="file-name-line">
            {name}
            {marker}
          </span>
          <span className="file-meta">{listMetaText(row)}</span>
        </span>
      ) : (
        <>
          {name}
          {marker}
        </>
      )}
    </span>
  );
}

/**
 * Styles of the cells' own elements, given to the grid once. The icon's or thumbnail's width and
 * the gap after it place the name, where the first frame's rows put it too.
 */
export const cellStyles = {
  '& .file-name-cell': {
    display: 'flex',
    alignItems: 'center',
    gap: px(NAME_CELL.gap),
    minWidth: 0,
  },
  '& .file-kind': { display: 'inline-flex' },
  '& .file-kind > svg': { fontSize: px(NAME_CELL.iconSize) },
  '& .file-thumbnail': { objectFit: 'cover', borderRadius: 0.5, bgcolor: 'action.hover' },
  '& .file-name': { overflow: 'hidden', textOverflow: 'ellipsis' },
  // The grid centres a cell's one line with a line-height of the row's; the list's two lines
  // take the type's own, as the first frame draws them.
  '& .file-words': { display: 'flex', flexDirection: 'column', minWidth: 0, lineHeight: 1.43 },
  '& .file-name-line': { display: 'flex', alignItems: 'center', gap: 0.5, minWidth: 0 },
  '& .file-meta': {
    color: 'text.secondary',
    typography: 'caption',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  '& .file-new': {
    flex: 'none',
    px: 0.75,
    borderRadius: 1,
    typography: 'caption',
    fontWeight: 'fontWeightMedium',
    bgcolor: 'primary.main',
    color: 'primary.contrastText',
  },
} as const;

const person = (
  field: 'Owner' | 'Created_By' | 'Modified_By',
  headerName: string,
): GridColDef<Attachment> => ({
  field,
  headerName,
  ...COLUMN_SIZES[field],
  valueGetter: (_value, row) => columnText[field](row),
});

const time = (
  field: 'Created_Time' | 'Modified_Time',
  headerName: string,
): GridColDef<Attachment> => ({
  field,
  headerName,
  ...COLUMN_SIZES[field],
  // A time Bigin did not send (or sent unreadable) is a dash, with no tooltip to format.
  renderCell: ({ value, row }) =>
    typeof value === 'string' ? (
      <time dateTime={value} {...tooltip(formatFullDateTime(value))}>
        {columnText[field](row)}
      </time>
    ) : (
      columnText[field](row)
    ),
});

/**
 * The list layout's one data column, for a narrow grid: the name, with its size and date under
 * it. Sorting by the other columns is the toolbar's sort menu's.
 */
export const listColumns: GridColDef<Attachment>[] = [
  {
    field: 'File_Name',
    headerName: gridText.columns.File_Name,
    flex: 1,
    minWidth: 0,
    hideable: false,
    renderCell: ({ row }) => <FileNameCell row={row} meta />,
  },
];

/**
 * The table's columns; sorting and search happen outside the grid, over the loaded rows. Exact
 * sizes and full times show in tooltips of the grid's `TooltipHost`.
 */
export const attachmentColumns: GridColDef<Attachment>[] = [
  {
    field: 'File_Name',
    headerName: gridText.columns.File_Name,
    ...COLUMN_SIZES.File_Name,
    hideable: false,
    renderCell: ({ row }) => <FileNameCell row={row} />,
  },
  {
    field: 'Size',
    headerName: gridText.columns.Size,
    ...COLUMN_SIZES.Size,
    type: 'number',
    valueGetter: (value: string) => Number(value),
    // The grid's own number format builds a formatter for every cell it draws.
    valueFormatter: (_value, row) => columnText.Size(row),
    renderCell: ({ value, row }) =>
      isLinkAttachment(row) ? (
        columnText.Size(row)
      ) : (
        <span {...tooltip(formatExactBytes(value as number))}>{columnText.Size(row)}</span>
      ),
  },
  person('Owner', gridText.columns.Owner),
  person('Created_By', gridText.columns.Created_By),
  time('Created_Time', gridText.columns.Created_Time),
  person('Modified_By', gridText.columns.Modified_By),
  time('Modified_Time', gridText.columns.Modified_Time),
];

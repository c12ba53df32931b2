import { attachmentName } from '../attachments/column-text.ts';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import DownloadIcon from '@mui/icons-material/FileDownloadOutlined';
import OpenIcon from '@mui/icons-material/OpenInNew';
import PreviewIcon from '@mui/icons-material/VisibilityOutlined';
import { IconButton } from '@mui/material';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { isLinkAttachment } from '../../../shared/bigin-attachment.ts';
import { tooltip } from '../../components/tooltip-host.tsx';
import { messages } from '../../i18n/messages.ts';
import { previewKind } from '../attachments/preview-kind.ts';
import { attachmentAnchor } from './download.ts';

const words = messages.fileActions;
const ROW = { display: 'flex', alignItems: 'center' } as const;

export interface RowActionHandlers {
  module: string;
  recordId: string;
  /** What this page may do (everything in the app; what a signed embed link grants). */
  can: { download: boolean; upload: boolean; delete: boolean };
  onPreview: (row: Attachment) => void;
  onDelete: (rows: Attachment[]) => void;
}

/**
 * Whether a row offers a preview: a file (a link has no bytes) of a type the panel can show,
 * where downloads are allowed (a preview is the file's bytes).
 */
export const offersPreview = (row: Attachment, can: RowActionHandlers['can']): boolean =>
  can.download && !isLinkAttachment(row) && previewKind(row) !== 'none';

/**
 * One row's buttons. Download is a real anchor: the browser streams the file to disk; a link
 * opens in a new tab. A disabled action keeps a tooltip that says why (a wrapper takes the
 * hover, since a disabled button gets no events). The tooltips are the grid's `TooltipHost`'s.
 */
export function RowActions({ row, handlers }: { row: Attachment; handlers: RowActionHandlers }) {
  const { module, recordId } = handlers;
  const link = isLinkAttachment(row);
  // A link opens its own address; a file's bytes need the download grant.
  const opener = link || handlers.can.download ? attachmentAnchor(module, recordId, row) : null;
  const name = attachmentName(row);
  // Bigin marks what may not be changed; unmarked, the delete is offered and Bigin decides.
  const editable = row.$editable !== false;
  // Each button's name is also its tooltip.
  const openWords = link ? words.openLink(name) : words.download(name);
  const previewWords = words.preview(name);
  return (
    <span style={ROW}>
      {opener ? (
        <IconButton
          size="small"
          component="a"
          {...opener}
          aria-label={openWords}
          {...tooltip(openWords)}
        >
          {link ? <OpenIcon fontSize="small" /> : <DownloadIcon fontSize="small" />}
        </IconButton>
      ) : (
        <span {...tooltip(words.linkUnsafe)}>
          <IconButton size="small" disabled aria-label={words.openLink(name)}>
            <OpenIcon fontSize="small" />
          </IconButton>
        </span>
      )}
      {offersPreview(row, handlers.can) && (
        <IconButton
          size="small"
          aria-label={previewWords}
          {...tooltip(previewWords)}
          data-row-id={row.id}
          onClick={() => handlers.onPreview(row)}
        >
          <PreviewIcon fontSize="small" />
        </IconButton>
      )}
      {handlers.can.delete && (
        <span {...tooltip(editable ? words.delete(name) : words.notEditable)}>
          <IconButton
            size="small"
            aria-label={words.delete(name)}
            disabled={!editable}
            onClick={() => handlers.onDelete([row])}
          >
            <DeleteIcon fontSize="small" />
          </IconButton>
        </span>
      )}
    </span>
  );
}

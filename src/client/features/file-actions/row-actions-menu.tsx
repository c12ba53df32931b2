import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import DownloadIcon from '@mui/icons-material/FileDownloadOutlined';
import OpenIcon from '@mui/icons-material/OpenInNew';
import PreviewIcon from '@mui/icons-material/VisibilityOutlined';
import { IconButton, ListItemIcon, ListItemText, Menu, MenuItem } from '@mui/material';
import { GridMoreVertIcon } from '@mui/x-data-grid';
import { useId, useState } from 'react';
import { isLinkAttachment, type Attachment } from '../../../shared/bigin-attachment.ts';
import { messages } from '../../i18n/messages.ts';
import { attachmentName } from '../attachments/column-text.ts';
import { attachmentHref } from './download.ts';
import type { RowActionHandlers } from './row-actions.tsx';

const words = messages.fileActions;

/**
 * One row's actions behind a single button, for the list layout of a narrow grid: the same
 * actions as the table's row buttons (row-actions.tsx), with the same conditions.
 */
export function RowActionsMenu({
  row,
  handlers,
}: {
  row: Attachment;
  handlers: RowActionHandlers;
}) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const open = anchor !== null;
  const menuId = useId();
  const { module, recordId } = handlers;
  const link = isLinkAttachment(row);
  const href = link || handlers.can.download ? attachmentHref(module, recordId, row) : null;
  const name = attachmentName(row);
  const editable = row.$editable !== false;
  const close = () => setAnchor(null);
  return (
    <>
      <IconButton
        size="small"
        aria-label={words.rowMenu(name)}
        aria-haspopup="menu"
        aria-expanded={open ? 'true' : undefined}
        aria-controls={open ? menuId : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        <GridMoreVertIcon fontSize="small" />
      </IconButton>
      {open && (
        <Menu
          id={menuId}
          anchorEl={anchor}
          open
          onClose={close}
          slotProps={{ list: { 'aria-label': words.rowMenu(name) } }}
        >
          {href ? (
            <MenuItem
              component="a"
              href={href}
              onClick={close}
              {...(link ? { target: '_blank', rel: 'noopener noreferrer' } : { download: '' })}
            >
              <ListItemIcon>
                {link ? <OpenIcon fontSize="small" /> : <DownloadIcon fontSize="small" />}
              </ListItemIcon>
              <ListItemText>{link ? words.openLink(name) : words.download(name)}</ListItemText>
            </MenuItem>
          ) : (
            <MenuItem disabled>
              <ListItemIcon>
                <OpenIcon fontSize="small" />
              </ListItemIcon>
              <ListItemText secondary={words.linkUnsafe}>{words.openLink(name)}</ListItemText>
            </MenuItem>
          )}
          {!link && handlers.can.download && (
            <MenuItem
              data-row-id={row.id}
              onClick={() => {
                close();
                handlers.onPreview(row);
              }}
            >
              <ListItemIcon>
                <PreviewIcon fontSize="small" />
              </ListItemIcon>
              <ListItemText>{words.preview(name)}</ListItemText>
            </MenuItem>
          )}
          {handlers.can.delete && (
            <MenuItem
              disabled={!editable}
              onClick={() => {
                close();
                handlers.onDelete([row]);
              }}
            >
              <ListItemIcon>
                <DeleteIcon fontSize="small" />
              </ListItemIcon>
              <ListItemText secondary={editable ? undefined : words.notEditable}>
                {words.delete(name)}
              </ListItemText>
            </MenuItem>
          )}
        </Menu>
      )}
    </>
  );
}

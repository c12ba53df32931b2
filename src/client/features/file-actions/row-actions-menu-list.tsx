import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import DownloadIcon from '@mui/icons-material/FileDownloadOutlined';
import OpenIcon from '@mui/icons-material/OpenInNew';
import PreviewIcon from '@mui/icons-material/VisibilityOutlined';
import { ListItemIcon, ListItemText, Menu, MenuItem } from '@mui/material';
import { isLinkAttachment, type Attachment } from '../../../shared/bigin-attachment.ts';
import { messages } from '../../i18n/messages.ts';
import { attachmentName } from '../attachments/column-text.ts';
import { attachmentAnchor } from './download.ts';
import { offersPreview, type RowActionHandlers } from './row-actions.tsx';

const words = messages.fileActions;

/** A row's open actions menu (row-actions-menu.tsx): loaded when a menu is first opened. */
export function RowActionsMenuList({
  menuId,
  anchor,
  row,
  handlers,
  close,
}: {
  menuId: string;
  anchor: HTMLElement;
  row: Attachment;
  handlers: RowActionHandlers;
  close: () => void;
}) {
  const { module, recordId } = handlers;
  const link = isLinkAttachment(row);
  const opener = link || handlers.can.download ? attachmentAnchor(module, recordId, row) : null;
  const name = attachmentName(row);
  const editable = row.$editable !== false;
  return (
    <Menu
      id={menuId}
      anchorEl={anchor}
      open
      onClose={close}
      slotProps={{ list: { 'aria-label': words.rowMenu(name) } }}
    >
      {opener ? (
        <MenuItem component="a" {...opener} onClick={close}>
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
      {offersPreview(row, handlers.can) && (
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
  );
}

import { attachmentName } from '../attachments/column-text.ts';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { messages } from '../../i18n/messages.ts';

const words = messages.fileActions;

interface DeleteDialogProps {
  rows: Attachment[];
  onConfirm: () => void;
  onClose: () => void;
}

/** Names every attachment about to go, so that nobody deletes the wrong one by a slip. */
export function DeleteDialog({ rows, onConfirm, onClose }: DeleteDialogProps) {
  return (
    <Dialog open onClose={onClose} aria-labelledby="delete-title" fullWidth maxWidth="sm">
      <DialogTitle id="delete-title">{words.confirmDeleteTitle(rows.length)}</DialogTitle>
      <DialogContent>
        <ul style={{ margin: 0, paddingInlineStart: '1.25em', overflowWrap: 'anywhere' }}>
          {rows.slice(0, 20).map((row) => (
            <li key={row.id}>{attachmentName(row)}</li>
          ))}
          {rows.length > 20 && <li>…</li>}
        </ul>
        <DialogContentText sx={{ mt: 2 }}>{words.confirmDeleteText(rows.length)}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {words.cancel}
        </Button>
        <Button onClick={onConfirm} color="error" variant="contained">
          {words.confirmDelete}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

import { useState } from 'react';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { messages } from '../../i18n/messages.ts';
import { actionReason } from './action-reason.ts';
import { DeleteDialog } from './delete-dialog.tsx';
import { useDeleteAttachments } from './use-delete-attachments.ts';
import type { Notice } from '../../components/notice-snackbar.tsx';

const words = messages.fileActions;

interface DeleteFlowProps {
  module: string;
  recordId: string;
  rows: Attachment[];
  /** Called once: with what to tell the user, or null when they cancelled. */
  onDone: (notice: Notice | null) => void;
}

/**
 * Asks, then deletes: the rows leave the grid at once and any that Bigin refuses come back. It
 * stays mounted (with the dialog closed) until Bigin has answered.
 */
export function DeleteFlow({ module, recordId, rows, onDone }: DeleteFlowProps) {
  const remove = useDeleteAttachments(module, recordId);
  const [confirmed, setConfirmed] = useState(false);
  if (confirmed) return null;
  const confirm = () => {
    setConfirmed(true);
    remove.mutate(rows, {
      onSuccess: (outcome) =>
        onDone(
          outcome.refused.length
            ? {
                severity: 'error',
                text: words.deleteRefused(outcome.refused.length, actionReason(outcome.error)),
              }
            : { severity: 'success', text: words.deleted(outcome.deleted.length) },
        ),
      onError: (error) =>
        onDone({ severity: 'error', text: words.deleteRefused(rows.length, actionReason(error)) }),
    });
  };
  return <DeleteDialog rows={rows} onConfirm={confirm} onClose={() => onDone(null)} />;
}

import type { KeyboardEvent } from 'react';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { openAttachment } from './download.ts';
import type { FileActions } from './use-file-actions.tsx';

interface CellKey {
  row: Attachment;
  field: string;
}

interface GridKeyContext {
  module: string;
  recordId: string;
  actions: Pick<FileActions, 'can' | 'confirmDelete'>;
  /** The rows selected now. */
  selected: readonly Attachment[];
  /** Selects the row, or unselects it. */
  toggle: (row: Attachment) => void;
}

/** Cells whose own controls take these keys: the checkbox, the row's buttons. */
const OWN_KEYS = new Set(['__check__', 'actions']);

/**
 * A row's keys, as a file list's: Enter downloads the file (or opens its link), as the row's
 * button does; Space selects or unselects the row; Delete asks to delete the selection (or, with
 * nothing selected, the row), where deleting is allowed and Bigin lets every one be changed.
 * Returns whether the key was taken.
 */
export function onGridKey(
  { row, field }: CellKey,
  event: KeyboardEvent,
  { module, recordId, actions, selected, toggle }: GridKeyContext,
): boolean {
  if (OWN_KEYS.has(field) || event.altKey || event.ctrlKey || event.metaKey) return false;
  if (event.key === 'Enter') {
    openAttachment(module, recordId, row);
  } else if (event.key === ' ' && !event.shiftKey) {
    toggle(row);
  } else if (event.key === 'Delete' && actions.can.delete) {
    const rows = selected.length > 0 ? [...selected] : [row];
    if (rows.some((r) => r.$editable === false)) return false;
    actions.confirmDelete(rows);
  } else return false;
  event.preventDefault();
  return true;
}

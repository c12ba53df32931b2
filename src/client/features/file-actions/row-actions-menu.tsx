import { IconButton } from '@mui/material';
import { GridMoreVertIcon } from '@mui/x-data-grid';
import { lazy, Suspense, useId, useState } from 'react';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { messages } from '../../i18n/messages.ts';
import { attachmentName } from '../attachments/column-text.ts';
import type { RowActionHandlers } from './row-actions.tsx';

// Loaded when a row's menu is first opened: the record page's first load carries none of it.
const RowActionsMenuList = lazy(() =>
  import('./row-actions-menu-list.tsx').then((m) => ({ default: m.RowActionsMenuList })),
);

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
  const close = () => setAnchor(null);
  return (
    <>
      <IconButton
        size="small"
        aria-label={messages.fileActions.rowMenu(attachmentName(row))}
        aria-haspopup="menu"
        aria-expanded={open ? 'true' : undefined}
        aria-controls={open ? menuId : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        <GridMoreVertIcon fontSize="small" />
      </IconButton>
      {anchor && (
        <Suspense fallback={null}>
          <RowActionsMenuList
            menuId={menuId}
            anchor={anchor}
            row={row}
            handlers={handlers}
            close={close}
          />
        </Suspense>
      )}
    </>
  );
}

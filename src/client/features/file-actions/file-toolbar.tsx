import { HiddenFileInput } from './hidden-file-input.tsx';
import { Box, Button, Stack, Tooltip } from '@mui/material';
import { useRef, type ReactNode } from 'react';
import { isLinkAttachment, type Attachment } from '../../../shared/bigin-attachment.ts';
import { FILE_TOOLBAR, px } from '../../app/record-page-geometry.ts';
import { messages } from '../../i18n/messages.ts';
import type { FileActions } from './use-file-actions.tsx';

const words = messages.fileActions;

interface FileToolbarProps {
  selected: Attachment[];
  actions: FileActions;
  /**
   * Whether the toolbar offers Upload files and Attach a link: not while an empty record offers
   * them in the grid's place (its file input stays, for what the page hands it).
   */
  offersAdding?: boolean;
}

/** Upload, attach a link, and the actions on the selected rows (words only: each button says it). */
export function FileToolbar({ selected, actions, offersAdding = true }: FileToolbarProps) {
  const input = useRef<HTMLInputElement>(null);
  const files = selected.filter((row) => !isLinkAttachment(row));
  const locked = selected.filter((row) => row.$editable === false);
  return (
    <Stack
      direction="row"
      role="toolbar"
      aria-label={words.toolbar}
      sx={{ flexWrap: 'wrap', gap: px(FILE_TOOLBAR.gap) }}
    >
      {actions.can.upload && (
        <>
          {offersAdding && (
            <Button variant="contained" size="small" onClick={() => input.current?.click()}>
              {words.uploadFiles}
            </Button>
          )}
          <HiddenFileInput inputRef={input} onFiles={actions.upload} />
          {offersAdding && (
            <Button variant="outlined" size="small" onClick={actions.openLinkForm}>
              {words.attachLink}
            </Button>
          )}
        </>
      )}
      {actions.can.download && (
        <WithReason reason={files.length ? null : words.selectFilesFirst}>
          <Button
            variant="outlined"
            size="small"
            disabled={files.length === 0}
            onClick={() => actions.zip(files)}
          >
            {words.downloadSelected(files.length)}
          </Button>
        </WithReason>
      )}
      {actions.can.delete && (
        <WithReason
          reason={
            selected.length === 0
              ? words.selectFilesFirst
              : locked.length
                ? words.notEditable
                : null
          }
        >
          <Button
            variant="outlined"
            size="small"
            color="error"
            disabled={selected.length === 0 || locked.length > 0}
            onClick={() => actions.confirmDelete(selected)}
          >
            {words.deleteSelected(selected.length)}
          </Button>
        </WithReason>
      )}
    </Stack>
  );
}

/** A disabled button gets no pointer events: the wrapper carries the tooltip that says why. */
function WithReason({ reason, children }: { reason: string | null; children: ReactNode }) {
  if (!reason) return children;
  return (
    <Tooltip title={reason} describeChild>
      <Box component="span" sx={{ display: 'inline-flex' }}>
        {children}
      </Box>
    </Tooltip>
  );
}

import { HiddenFileInput } from './hidden-file-input.tsx';
import UploadIcon from '@mui/icons-material/FileUploadOutlined';
import { Button, Stack, Typography } from '@mui/material';
import { useRef } from 'react';
import { messages } from '../../i18n/messages.ts';
import type { FileActions } from './use-file-actions.tsx';

const words = messages.fileActions;

/**
 * A record with no attachments, in the grid's place: says so, and offers what to do about it
 * (upload files, attach a link, or drop files anywhere on the page) where the rows would be.
 * Drawn over the empty grid, not inside it: a grid may hold rows only (axe's
 * aria-required-children), and the grid stays, with its toolbar and headers, for what arrives.
 */
export function EmptyRecord({ actions }: { actions: FileActions }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <Stack
      component="section"
      aria-labelledby="empty-record-title"
      spacing={2}
      sx={{
        position: 'absolute',
        top: '50%',
        left: '50%',
        transform: 'translate(-50%, -40%)',
        width: 'max-content',
        maxWidth: 'calc(100% - 32px)',
        alignItems: 'center',
        textAlign: 'center',
        p: 2,
        bgcolor: 'background.paper',
      }}
    >
      <Typography id="empty-record-title" variant="h6" component="h2">
        {messages.attachments.empty}
      </Typography>
      {actions.can.upload && (
        <>
          <Typography color="text.secondary">{words.emptyHint}</Typography>
          <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', justifyContent: 'center' }}>
            <Button
              variant="contained"
              startIcon={<UploadIcon aria-hidden />}
              onClick={() => input.current?.click()}
            >
              {words.uploadFiles}
            </Button>
            <Button variant="outlined" onClick={actions.openLinkForm}>
              {words.attachLink}
            </Button>
          </Stack>
          <HiddenFileInput inputRef={input} onFiles={actions.upload} />
        </>
      )}
    </Stack>
  );
}

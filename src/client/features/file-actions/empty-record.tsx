import UploadIcon from '@mui/icons-material/FileUploadOutlined';
import { Button, Stack, Typography } from '@mui/material';
import { useRef } from 'react';
import { messages } from '../../i18n/messages.ts';
import type { FileActions } from './use-file-actions.tsx';

const words = messages.fileActions;

/**
 * A record with no attachments, in the grid's place: says so, and offers what to do about it
 * (upload files, attach a link, or drop files anywhere on the page) where the grid would be.
 */
export function EmptyRecord({ actions }: { actions: FileActions }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <Stack
      component="section"
      aria-labelledby="empty-record-title"
      spacing={2}
      sx={{
        height: '100%',
        alignItems: 'center',
        justifyContent: 'center',
        textAlign: 'center',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        p: 2,
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
          <input
            ref={input}
            type="file"
            multiple
            hidden
            aria-hidden
            tabIndex={-1}
            onChange={(event) => {
              actions.upload(Array.from(event.target.files ?? []));
              event.target.value = '';
            }}
          />
        </>
      )}
    </Stack>
  );
}

import CloseIcon from '@mui/icons-material/Close';
import DownloadIcon from '@mui/icons-material/FileDownloadOutlined';
import NextIcon from '@mui/icons-material/NavigateNext';
import PreviousIcon from '@mui/icons-material/NavigateBefore';
import { Box, Button, Drawer, IconButton, Stack, Typography } from '@mui/material';
import { useCallback, useState, type KeyboardEvent } from 'react';
import { isLinkAttachment, type Attachment } from '../../../shared/bigin-attachment.ts';
import { messages } from '../../i18n/messages.ts';
import { attachmentName } from '../attachments/column-text.ts';
import { attachmentHref } from './download.ts';
import { PreviewBody, type ImageSize } from './preview-body.tsx';
import { PreviewDetails } from './preview-details.tsx';

const words = messages.preview;

interface PreviewPanelProps {
  module: string;
  recordId: string;
  row: Attachment;
  /**
   * The rows in the order the grid shows them: previous and next go through its files (a link
   * has nothing to show). Without them, the panel shows the one row.
   */
  rows?: readonly Attachment[];
  /** Another row to show (previous, next). */
  onShow?: (row: Attachment) => void;
  onClose: () => void;
}

/** Keys that move to another file, unless a player or a text field has the focus. */
const isOwnKeyTarget = (target: EventTarget) =>
  target instanceof HTMLElement && target.closest('audio, video, input, textarea') !== null;

/**
 * A side panel to work in, beside the grid: the file (fitted to the panel), its details, its
 * download, and previous and next (the buttons, or the arrow keys). Escape closes it and the
 * focus goes back where it was (MUI's modal focus trap).
 */
export function PreviewPanel({ module, recordId, row, rows, onShow, onClose }: PreviewPanelProps) {
  const files = (rows ?? [row]).filter((r) => !isLinkAttachment(r));
  const at = files.findIndex((r) => r.id === row.id);
  const previous = at > 0 ? files[at - 1] : undefined;
  const next = at >= 0 && at < files.length - 1 ? files[at + 1] : undefined;
  // What the shown file turned out to be: its pixels, or that Bigin no longer has it.
  const [seen, setSeen] = useState<{ id: string; image?: ImageSize; gone?: boolean }>({
    id: row.id,
  });
  const facts = seen.id === row.id ? seen : { id: row.id };
  const onImageSize = useCallback((image: ImageSize) => setSeen({ id: row.id, image }), [row.id]);
  const onGone = useCallback(() => setSeen({ id: row.id, gone: true }), [row.id]);

  const name = attachmentName(row);
  const titleId = `preview-title-${row.id}`;
  const href = attachmentHref(module, recordId, row);
  const go = (to: Attachment | undefined) => to && onShow?.(to);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || isOwnKeyTarget(event.target)) return;
    const to = event.key === 'ArrowLeft' ? previous : event.key === 'ArrowRight' ? next : undefined;
    if (!to) return;
    event.preventDefault();
    go(to);
  };

  return (
    <Drawer
      anchor="right"
      open
      onClose={onClose}
      slotProps={{
        paper: {
          role: 'dialog',
          'aria-labelledby': titleId,
          onKeyDown,
          sx: { width: { xs: '100%', sm: 560, md: 720 }, maxWidth: '100%' },
        },
      }}
    >
      <Stack direction="row" sx={{ alignItems: 'center', p: 1.5, pb: 1, gap: 1 }}>
        <Typography
          id={titleId}
          variant="h6"
          component="h2"
          sx={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}
        >
          {words.title(name)}
        </Typography>
        <IconButton onClick={onClose} aria-label={words.close}>
          <CloseIcon />
        </IconButton>
      </Stack>
      <Stack
        direction="row"
        sx={{ alignItems: 'center', px: 1.5, pb: 1, gap: 1, flexWrap: 'wrap' }}
      >
        {files.length > 1 && (
          <>
            <IconButton
              aria-label={previous ? words.previous(attachmentName(previous)) : words.noPrevious}
              disabled={!previous}
              onClick={() => go(previous)}
            >
              <PreviousIcon />
            </IconButton>
            <Typography variant="body2" color="text.secondary" role="status">
              {words.position(at + 1, files.length)}
            </Typography>
            <IconButton
              aria-label={next ? words.next(attachmentName(next)) : words.noNext}
              disabled={!next}
              onClick={() => go(next)}
            >
              <NextIcon />
            </IconButton>
          </>
        )}
        <Box sx={{ flex: 1 }} />
        {href && !facts.gone && (
          <Button
            component="a"
            href={href}
            download=""
            variant="outlined"
            size="small"
            startIcon={<DownloadIcon aria-hidden />}
            aria-label={messages.fileActions.download(name)}
          >
            {words.download}
          </Button>
        )}
      </Stack>
      <Box
        sx={{
          px: 1.5,
          pb: 1.5,
          flex: 1,
          display: 'flex',
          flexDirection: 'column',
          minHeight: 0,
          gap: 1.5,
        }}
      >
        <PreviewBody
          key={row.id}
          module={module}
          recordId={recordId}
          row={row}
          onImageSize={onImageSize}
          onGone={onGone}
        />
        <PreviewDetails row={row} image={facts.image} />
      </Box>
    </Drawer>
  );
}

import { attachmentName } from '../attachments/column-text.ts';
import CloseIcon from '@mui/icons-material/Close';
import DownloadIcon from '@mui/icons-material/FileDownloadOutlined';
import { Alert, Box, Button, Drawer, IconButton, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { createElement, useState } from 'react';
import { apiPaths } from '../../../shared/api-contract.ts';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { messages } from '../../i18n/messages.ts';
import { ApiClientError, apiUrl } from '../../lib/api-client.ts';
import { actionReason } from './action-reason.ts';
import { previewKind } from '../attachments/preview-kind.ts';
import { previewFailureQuery, previewTextQuery } from './preview-queries.ts';

const words = messages.preview;

interface PreviewPanelProps {
  module: string;
  recordId: string;
  row: Attachment;
  onClose: () => void;
}

/**
 * A side panel with the file, beside the grid. Everything comes from the proxy's preview route,
 * which serves safe types only, with a `sandbox` CSP: even a PDF frame runs nothing in the app's
 * origin. Escape closes it and the focus goes back where it was (MUI's modal focus trap).
 */
export function PreviewPanel({ module, recordId, row, onClose }: PreviewPanelProps) {
  const titleId = `preview-title-${row.id}`;
  return (
    <Drawer
      anchor="right"
      open
      onClose={onClose}
      slotProps={{
        paper: {
          role: 'dialog',
          'aria-labelledby': titleId,
          sx: { width: { xs: '100%', sm: 560 }, maxWidth: '100%' },
        },
      }}
    >
      <Stack direction="row" sx={{ alignItems: 'center', p: 1.5, gap: 1 }}>
        <Typography
          id={titleId}
          variant="h6"
          component="h2"
          sx={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}
        >
          {words.title(attachmentName(row))}
        </Typography>
        <IconButton onClick={onClose} aria-label={words.close}>
          <CloseIcon />
        </IconButton>
      </Stack>
      <Box sx={{ px: 1.5, pb: 2, flex: 1, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        <PreviewBody module={module} recordId={recordId} row={row} />
      </Box>
    </Drawer>
  );
}

function PreviewBody({ module, recordId, row }: Omit<PreviewPanelProps, 'onClose'>) {
  const src = apiUrl(apiPaths.preview(module, recordId, row.id));
  const [failed, setFailed] = useState(false);
  const kind = previewKind(row);
  if (kind === 'none' || failed)
    return <NoPreview module={module} recordId={recordId} row={row} failed={failed} />;
  const onError = () => setFailed(true);
  switch (kind) {
    case 'image':
      return (
        <Box
          component="img"
          src={src}
          alt={attachmentName(row)}
          onError={onError}
          sx={{ maxWidth: '100%', height: 'auto', alignSelf: 'flex-start' }}
        />
      );
    case 'pdf':
      // The frame's document comes with `Content-Security-Policy: sandbox`: an opaque origin.
      return (
        <Box
          component="iframe"
          src={src}
          title={words.pdfFrame(attachmentName(row))}
          sx={{ border: 0, width: '100%', flex: 1, minHeight: 480 }}
        />
      );
    case 'audio':
    case 'video':
      // The same player either way: <audio> or <video>, with the browser's own controls.
      return createElement(kind, {
        controls: true,
        src,
        onError,
        'aria-label': attachmentName(row),
        style: { width: '100%' },
      });
    case 'text':
      return <TextPreview row={row} module={module} recordId={recordId} />;
  }
}

function TextPreview({ row, module, recordId }: Omit<PreviewPanelProps, 'onClose'>) {
  const text = useQuery(previewTextQuery(module, recordId, row.id));
  if (text.isPending) return <Typography role="status">{words.loading}</Typography>;
  if (text.error)
    return <NoPreview module={module} recordId={recordId} row={row} failed error={text.error} />;
  return (
    <>
      {text.data.cut && <Alert severity="info">{words.truncated}</Alert>}
      {/* Text only: React escapes it; nothing in a file is ever parsed as markup. */}
      <Box
        component="pre"
        tabIndex={0}
        aria-label={attachmentName(row)}
        sx={{
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
          overflow: 'auto',
          m: 0,
          flex: 1,
          fontSize: 14,
        }}
      >
        {text.data.text}
      </Box>
    </>
  );
}

function NoPreview({
  module,
  recordId,
  row,
  failed,
  error,
}: {
  module: string;
  recordId: string;
  row: Attachment;
  failed: boolean;
  /** Why it failed, when already known. */
  error?: unknown;
}) {
  const asked = useQuery({
    ...previewFailureQuery(module, recordId, row.id),
    enabled: failed && error === undefined,
  });
  const cause = error ?? asked.data;
  const reason = cause instanceof ApiClientError ? actionReason(cause) : undefined;
  // A file Bigin no longer has cannot be downloaded either: the reason says what to do instead.
  const gone = cause instanceof ApiClientError && cause.code === 'PROXY_ATTACHMENT_GONE';
  return (
    <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
      <Alert severity={gone ? 'warning' : 'info'}>
        {!failed ? words.unsupported : reason ? words.failedBecause(reason) : words.failed}
      </Alert>
      {!gone && (
        <Button
          component="a"
          href={apiUrl(apiPaths.download(module, recordId, row.id))}
          download=""
          variant="outlined"
          startIcon={<DownloadIcon aria-hidden />}
          aria-label={messages.fileActions.download(attachmentName(row))}
        >
          {words.download}
        </Button>
      )}
    </Stack>
  );
}

import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Typography,
} from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import type { ZipRequest } from '../../../shared/api-contract.ts';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { messages } from '../../i18n/messages.ts';
import { formatBytes } from '../../lib/format.ts';
import { actionReason } from './action-reason.ts';
import { fetchZip, zipRequestOf, type ZipProgress, type ZipResult } from './fetch-zip.ts';

const words = messages.zip;

interface ZipDialogProps {
  module: string;
  recordId: string;
  rows: Attachment[];
  onClose: () => void;
}

type ZipState =
  | { phase: 'running'; progress: ZipProgress }
  | { phase: 'done'; result: ZipResult }
  | { phase: 'cancelled' }
  | { phase: 'failed'; reason: string };

/** Saves a Blob under a name, through a short-lived object URL. */
function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The chosen files as one ZIP: progress while it streams, then what it holds and what it lacks. */
export function ZipDialog({ module, recordId, rows, onClose }: ZipDialogProps) {
  const [state, setState] = useState<ZipState>({
    phase: 'running',
    progress: { bytes: 0, files: 0, current: null },
  });
  const abort = useRef<AbortController | null>(null);
  const expected = rows.reduce((sum, row) => sum + Number(row.Size), 0);
  // As text, so that the download starts again only when the chosen files change.
  const request = JSON.stringify(zipRequestOf(rows));

  useEffect(() => {
    const controller = new AbortController();
    abort.current = controller;
    fetchZip(
      module,
      recordId,
      JSON.parse(request) as ZipRequest,
      (progress) => setState({ phase: 'running', progress }),
      controller.signal,
    ).then(
      (result) => {
        save(result.blob, result.fileName ?? words.fileName(recordId));
        setState({ phase: 'done', result });
      },
      (error: unknown) =>
        setState(
          controller.signal.aborted
            ? { phase: 'cancelled' }
            : { phase: 'failed', reason: actionReason(error) },
        ),
    );
    return () => controller.abort();
  }, [module, recordId, request]);

  const running = state.phase === 'running';
  return (
    <Dialog
      open
      onClose={running ? undefined : onClose}
      aria-labelledby="zip-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="zip-title">{words.title}</DialogTitle>
      <DialogContent>
        {state.phase === 'running' && (
          <>
            <LinearProgress
              variant="determinate"
              // A ZIP of stored files is a little larger than the files; deflated, smaller.
              value={Math.min(99, expected ? (state.progress.bytes / expected) * 100 : 0)}
              aria-label={words.title}
            />
            <Typography role="status" variant="body2" sx={{ mt: 1 }}>
              {words.progress(formatBytes(state.progress.bytes), state.progress.files)}
            </Typography>
            {state.progress.current && (
              <Typography
                variant="caption"
                color="text.secondary"
                sx={{ overflowWrap: 'anywhere' }}
              >
                {words.current(state.progress.current)}
              </Typography>
            )}
          </>
        )}
        {state.phase === 'done' && (
          <>
            <Alert severity={state.result.notIncluded.length ? 'warning' : 'success'} role="status">
              {words.done(state.result.files.length)}
            </Alert>
            {state.result.notIncluded.length > 0 && (
              <>
                <Typography variant="body2" sx={{ mt: 2 }}>
                  {words.notIncluded}
                </Typography>
                <ul aria-label={words.notIncluded} style={{ overflowWrap: 'anywhere' }}>
                  {state.result.notIncluded.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
        {state.phase === 'cancelled' && (
          <Alert severity="info" role="status">
            {words.cancelled}
          </Alert>
        )}
        {state.phase === 'failed' && (
          <Alert severity="error" role="alert">
            {words.failed(state.reason)}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {running ? (
          <Button onClick={() => abort.current?.abort()}>{words.cancel}</Button>
        ) : (
          <Button onClick={onClose} autoFocus>
            {messages.fileActions.close}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

import {
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
import type { Notice } from '../../components/notice-snackbar.tsx';
import { formatBytes } from '../../lib/format.ts';
import { fetchZip, zipRequestOf, type ZipProgress, type ZipResult } from './fetch-zip.ts';
import { zipFailureText } from './zip-failure.ts';

const words = messages.zip;

interface ZipDialogProps {
  module: string;
  recordId: string;
  rows: Attachment[];
  /** The ZIP is saved (or it failed, or was cancelled): what came of it, for a snackbar. */
  onDone: (notice: Notice) => void;
}

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

/** What came of a ZIP, in a sentence: the files it holds, and any it lacks with why. */
export function zipNotice(result: Pick<ZipResult, 'files' | 'notIncluded'>): Notice {
  const saved = words.done(result.files.length);
  if (result.notIncluded.length === 0) return { severity: 'success', text: saved };
  return {
    severity: 'warning',
    text: `${saved} ${words.notIncludedList(result.notIncluded)}`,
  };
}

/**
 * The chosen files as one ZIP: progress while it streams, with a cancel button. Once it is
 * saved (or fails, or is cancelled) the dialog closes itself and the snackbar says what came of
 * it: the files it holds, and any it lacks (also named in the ZIP's NOT-INCLUDED.txt).
 */
export function ZipDialog({ module, recordId, rows, onDone }: ZipDialogProps) {
  const [progress, setProgress] = useState<ZipProgress>({ bytes: 0, files: 0, current: null });
  const abort = useRef<AbortController | null>(null);
  const expected = rows.reduce((sum, row) => sum + Number(row.Size), 0);
  // As text, so that the download starts again only when the chosen files change.
  const request = JSON.stringify(zipRequestOf(rows));
  // The latest onDone, without restarting the download when the caller makes a new one.
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  }, [onDone]);

  useEffect(() => {
    const controller = new AbortController();
    abort.current = controller;
    fetchZip(
      module,
      recordId,
      JSON.parse(request) as ZipRequest,
      setProgress,
      controller.signal,
    ).then(
      (result) => {
        save(result.blob, result.fileName ?? words.fileName(recordId));
        done.current(zipNotice(result));
      },
      (error: unknown) => {
        // Unmounted (the page left): nobody to tell.
        if (controller.signal.aborted && abort.current !== controller) return;
        done.current(
          controller.signal.aborted
            ? { severity: 'info', text: words.cancelled }
            : { severity: 'error', text: zipFailureText(error) },
        );
      },
    );
    return () => {
      abort.current = null;
      controller.abort();
    };
  }, [module, recordId, request]);

  return (
    <Dialog open aria-labelledby="zip-title" fullWidth maxWidth="sm">
      <DialogTitle id="zip-title">{words.title}</DialogTitle>
      <DialogContent>
        <LinearProgress
          variant="determinate"
          // A ZIP of stored files is a little larger than the files; deflated, smaller.
          value={Math.min(99, expected ? (progress.bytes / expected) * 100 : 0)}
          aria-label={words.title}
        />
        <Typography role="status" variant="body2" sx={{ mt: 1 }}>
          {words.progress(formatBytes(progress.bytes), progress.files)}
        </Typography>
        {progress.current && (
          <Typography variant="caption" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
            {words.current(progress.current)}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => abort.current?.abort()}>{words.cancel}</Button>
      </DialogActions>
    </Dialog>
  );
}

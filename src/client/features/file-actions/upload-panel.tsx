import CloseIcon from '@mui/icons-material/Close';
import {
  Alert,
  Box,
  Button,
  IconButton,
  LinearProgress,
  List,
  ListItem,
  Paper,
  Typography,
} from '@mui/material';
import { useEffect, useRef } from 'react';
import { formatBytes } from '../../lib/format.ts';
import { messages } from '../../i18n/messages.ts';
import { useUploads, type UploadItem, type UploadState } from './use-uploads.ts';

const words = messages.upload;

interface UploadPanelProps {
  module: string;
  recordId: string;
  maxBytes: number;
  /** Batches of chosen or dropped files, only ever appended to. */
  batches: readonly (readonly File[])[];
}

/** Every upload of this visit to the record, each with its progress and what became of it. */
export function UploadPanel({ module, recordId, maxBytes, batches }: UploadPanelProps) {
  const uploads = useUploads(module, recordId, maxBytes);
  const taken = useRef(0);
  const { add } = uploads;
  useEffect(() => {
    // Batches are appended; each is started once, even when effects run twice.
    while (taken.current < batches.length) add(batches[taken.current++] ?? []);
  }, [batches, add]);

  if (uploads.items.length === 0) return null;
  return (
    <Paper variant="outlined" component="section" aria-labelledby="uploads-title" sx={{ p: 1.5 }}>
      <Typography id="uploads-title" variant="subtitle2" component="h2">
        {words.title}
      </Typography>
      <List dense disablePadding>
        {uploads.items.map((item) => (
          <UploadRow key={item.key} item={item} uploads={uploads} />
        ))}
      </List>
    </Paper>
  );
}

function UploadRow({
  item,
  uploads,
}: {
  item: UploadItem;
  uploads: ReturnType<typeof useUploads>;
}) {
  const { state, file } = item;
  const name = file.name;
  const settled = state.phase !== 'sending' && state.phase !== 'checking';
  const retryable =
    state.phase === 'not-arrived' || state.phase === 'unknown' || state.phase === 'cancelled';
  return (
    <ListItem
      disableGutters
      sx={{ display: 'block', py: 1 }}
      data-upload-phase={state.phase}
      aria-label={name}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
        <Typography variant="body2" sx={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
          {name}
        </Typography>
        {state.phase === 'sending' && (
          <Button size="small" onClick={() => uploads.cancel(item)} aria-label={words.cancel(name)}>
            {messages.fileActions.cancel}
          </Button>
        )}
        {retryable && (
          <Button size="small" onClick={() => uploads.retry(item)} aria-label={words.retry(name)}>
            {messages.attachments.retry}
          </Button>
        )}
        {settled && (
          <IconButton
            size="small"
            onClick={() => uploads.dismiss(item)}
            aria-label={words.dismiss(name)}
          >
            <CloseIcon fontSize="small" />
          </IconButton>
        )}
      </Box>
      <UploadStatus state={state} name={name} />
    </ListItem>
  );
}

function UploadStatus({ state, name }: { state: UploadState; name: string }) {
  switch (state.phase) {
    case 'sending': {
      const percent = state.total ? Math.round((state.sent / state.total) * 100) : 0;
      return (
        <Box>
          <LinearProgress variant="determinate" value={percent} aria-label={words.progress(name)} />
          <Typography variant="caption" color="text.secondary">
            {words.sending(formatBytes(state.sent), formatBytes(state.total))}
          </Typography>
        </Box>
      );
    }
    case 'checking':
      return (
        <Box role="status">
          <LinearProgress aria-label={words.checking} />
          <Typography variant="caption">{words.checking}</Typography>
        </Box>
      );
    case 'done':
      return <Text severity="success">{words.done}</Text>;
    case 'arrived':
      return <Text severity="success">{words.arrived}</Text>;
    case 'cancelled':
      return <Text severity="info">{words.cancelled}</Text>;
    case 'rejected':
      return <Text severity="error">{state.reason}</Text>;
    case 'refused':
      return <Text severity="error">{words.refused(state.reason)}</Text>;
    case 'not-arrived':
      return <Text severity="error">{words.notArrived(state.reason)}</Text>;
    case 'unknown':
      return <Text severity="warning">{words.unknown(state.reason)}</Text>;
  }
}

function Text({
  severity,
  children,
}: {
  severity: 'success' | 'info' | 'warning' | 'error';
  children: string;
}) {
  return (
    <Alert severity={severity} role="status" sx={{ py: 0, mt: 0.5 }}>
      {children}
    </Alert>
  );
}

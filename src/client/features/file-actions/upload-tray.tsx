import CloseIcon from '@mui/icons-material/Close';
import ExpandIcon from '@mui/icons-material/ExpandLess';
import CollapseIcon from '@mui/icons-material/ExpandMore';
import {
  Alert,
  Box,
  Button,
  Collapse,
  IconButton,
  LinearProgress,
  List,
  ListItem,
  Paper,
  Snackbar,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { visuallyHidden } from '../../components/visually-hidden.ts';
import { formatBytes } from '../../lib/format.ts';
import { messages } from '../../i18n/messages.ts';
import { visibleName } from '../attachments/visible-name.ts';
import { isSettled, useUploads, type UploadItem, type UploadState } from './use-uploads.ts';

const words = messages.upload;

interface UploadTrayProps {
  module: string;
  recordId: string;
  maxBytes: number;
  /** Batches of chosen or dropped files, only ever appended to. */
  batches: readonly (readonly File[])[];
  /** A file Bigin took, as the row it will list: the grid shows it first. */
  onUploaded: (row: Attachment) => void;
}

const succeeded = (state: UploadState) => state.phase === 'done' || state.phase === 'arrived';

/**
 * Every upload of this visit to the record, in a tray pinned to the window's corner (as file
 * stores do), so that progress and outcomes stay in view wherever the page is scrolled. Each
 * outcome is also said: in a snackbar, and to screen readers through the tray's log.
 */
export function UploadTray({ module, recordId, maxBytes, batches, onUploaded }: UploadTrayProps) {
  const [said, setSaid] = useState<UploadItem[]>([]);
  const [snack, setSnack] = useState<UploadItem[]>([]);
  const onSettled = useCallback((item: UploadItem) => {
    setSaid((all) => [...all, item].slice(-5));
    setSnack((all) => [...all, item]);
  }, []);
  const uploads = useUploads(module, recordId, maxBytes, { onSettled, onUploaded });
  const [collapsed, setCollapsed] = useState(false);
  const taken = useRef(0);
  const { add } = uploads;
  useEffect(() => {
    // Batches are appended; each is started once, even when effects run twice.
    if (taken.current < batches.length) setCollapsed(false);
    while (taken.current < batches.length) add(batches[taken.current++] ?? []);
  }, [batches, add]);

  const { items } = uploads;
  const settled = items.filter((item) => isSettled(item.state));
  const failed = snack.some((item) => !succeeded(item.state) && item.state.phase !== 'cancelled');
  return (
    <>
      {items.length > 0 && (
        <Paper
          component="section"
          aria-labelledby="uploads-title"
          elevation={8}
          sx={{
            position: 'fixed',
            zIndex: 'appBar',
            bottom: { xs: 8, sm: 24 },
            right: { xs: 8, sm: 24 },
            left: { xs: 8, sm: 'auto' },
            width: { sm: 380 },
            maxHeight: '60vh',
            display: 'flex',
            flexDirection: 'column',
            overflow: 'hidden',
          }}
        >
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, py: 1 }}>
            <Typography id="uploads-title" variant="subtitle2" component="h2" sx={{ flex: 1 }}>
              {words.title}
              <Typography component="span" variant="body2" color="text.secondary">
                {` · ${words.settledCount(settled.length, items.length)}`}
              </Typography>
            </Typography>
            <IconButton
              size="small"
              aria-expanded={!collapsed}
              aria-controls="uploads-list"
              aria-label={collapsed ? words.expand : words.collapse}
              onClick={() => setCollapsed(!collapsed)}
            >
              {collapsed ? <ExpandIcon fontSize="small" /> : <CollapseIcon fontSize="small" />}
            </IconButton>
            {settled.length === items.length && (
              <IconButton
                size="small"
                aria-label={words.close}
                onClick={() => settled.forEach(uploads.dismiss)}
              >
                <CloseIcon fontSize="small" />
              </IconButton>
            )}
          </Box>
          <Collapse in={!collapsed} sx={{ overflowY: 'auto' }}>
            <List id="uploads-list" dense disablePadding sx={{ px: 2, pb: 1 }}>
              {items.map((item) => (
                <UploadRow key={item.key} item={item} uploads={uploads} />
              ))}
            </List>
          </Collapse>
        </Paper>
      )}
      {/* Each outcome, said once to screen readers (the snackbar repeats them to the eye). */}
      <Box role="log" aria-live="polite" aria-label={words.outcomes} sx={visuallyHidden}>
        {said.map((item) => (
          <p key={`${item.key}-${item.state.phase}`}>{outcome(item)}</p>
        ))}
      </Box>
      <Snackbar
        open={snack.length > 0}
        autoHideDuration={failed ? null : 6000}
        onClose={(_event, reason) => reason !== 'clickaway' && setSnack([])}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        sx={{ bottom: { xs: 96, sm: 24 } }}
      >
        {snack.length > 0 ? (
          <Alert
            severity={failed ? 'error' : 'success'}
            // Standard: its words keep their contrast in dark mode, as a filled success's do not.
            variant="standard"
            sx={{ boxShadow: 6 }}
            // Already said by the log above: not a second live region.
            role="none"
            onClose={() => setSnack([])}
          >
            {snack.length === 1 && snack[0]
              ? outcome(snack[0])
              : words.outcomeCount(
                  snack.filter((item) => succeeded(item.state)).length,
                  snack.length,
                )}
          </Alert>
        ) : undefined}
      </Snackbar>
    </>
  );
}

/** One upload's outcome, as a sentence that names the file. */
function outcome({ file, state }: UploadItem): string {
  const name = visibleName(file.name);
  switch (state.phase) {
    case 'done':
    case 'arrived':
      return words.outcome.uploaded(name);
    case 'cancelled':
      return words.outcome.cancelled(name);
    case 'rejected':
      return words.outcome.rejected(name, state.reason);
    case 'refused':
    case 'not-arrived':
      return words.outcome.failed(name, state.reason);
    case 'unknown':
      return words.outcome.unknown(name, state.reason);
    default:
      return '';
  }
}

function UploadRow({
  item,
  uploads,
}: {
  item: UploadItem;
  uploads: ReturnType<typeof useUploads>;
}) {
  const { state, file } = item;
  const name = visibleName(file.name);
  const retryable =
    state.phase === 'not-arrived' ||
    state.phase === 'unknown' ||
    state.phase === 'cancelled' ||
    (state.phase === 'refused' && state.afterSignIn === true);
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
        {isSettled(state) && (
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
        <Box>
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

/** An upload's state in words; the tray's log announces outcomes, so these are not live. */
function Text({
  severity,
  children,
}: {
  severity: 'success' | 'info' | 'warning' | 'error';
  children: string;
}) {
  return (
    <Alert severity={severity} role="none" sx={{ py: 0, mt: 0.5 }}>
      {children}
    </Alert>
  );
}

import { Alert, Snackbar } from '@mui/material';

/** The outcome of an action, said in a snackbar. */
export interface Notice {
  /** `warning`: done, but not all of it (a ZIP that lacks a file); `info`: nothing was done. */
  severity: 'success' | 'info' | 'warning' | 'error';
  text: string;
}

/** What must be read before it goes: an error, or what was left undone. */
const stays = (notice: Notice | null) =>
  notice?.severity === 'error' || notice?.severity === 'warning';

/**
 * A success goes away by itself; an error (or a warning) stays until closed, and is announced
 * as an alert (a success as a status, which screen readers read without interrupting).
 */
export function NoticeSnackbar({
  notice,
  onClose,
}: {
  notice: Notice | null;
  onClose: () => void;
}) {
  return (
    <Snackbar
      open={notice !== null}
      autoHideDuration={stays(notice) ? null : 6000}
      onClose={(_event, reason) => reason !== 'clickaway' && onClose()}
    >
      {notice ? (
        <Alert
          severity={notice.severity}
          variant="filled"
          role={stays(notice) ? 'alert' : 'status'}
          onClose={onClose}
        >
          {notice.text}
        </Alert>
      ) : undefined}
    </Snackbar>
  );
}

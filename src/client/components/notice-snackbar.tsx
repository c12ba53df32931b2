import { Alert, Snackbar } from '@mui/material';

/** The outcome of an action, said in a snackbar. */
export interface Notice {
  severity: 'success' | 'error';
  text: string;
}

/**
 * A success goes away by itself; an error stays until closed, and is announced as an alert
 * (a success as a status, which screen readers read without interrupting).
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
      autoHideDuration={notice?.severity === 'error' ? null : 6000}
      onClose={(_event, reason) => reason !== 'clickaway' && onClose()}
    >
      {notice ? (
        <Alert
          severity={notice.severity}
          variant="filled"
          role={notice.severity === 'error' ? 'alert' : 'status'}
          onClose={onClose}
        >
          {notice.text}
        </Alert>
      ) : undefined}
    </Snackbar>
  );
}

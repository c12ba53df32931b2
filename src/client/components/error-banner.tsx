import { Alert, AlertTitle, Button, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import { ApiClientError } from '../lib/api-client.ts';
import { errorTextFor } from './error-messages.ts';

interface ErrorBannerProps {
  error: unknown;
  onRetry?: () => void;
}

/** A failed load, said plainly: what happened, what to do, and an action where one exists. */
export function ErrorBanner({ error, onRetry }: ErrorBannerProps) {
  const code = error instanceof ApiClientError ? error.code : 'UNKNOWN';
  const message = error instanceof Error ? error.message : String(error);
  const requestId = error instanceof ApiClientError ? error.body.requestId : '';
  const text = errorTextFor(code, message);

  const action =
    text.action === 'choose-record' ? (
      <Button component={RouterLink} to="/" color="inherit" size="small">
        Choose a record
      </Button>
    ) : text.action === 'retry' && onRetry ? (
      <Button onClick={onRetry} color="inherit" size="small">
        Try again
      </Button>
    ) : undefined;

  return (
    <Alert severity="error" role="alert" action={action} data-error-code={code}>
      <AlertTitle>{text.title}</AlertTitle>
      <Typography variant="body2">{text.what}</Typography>
      <Typography variant="body2">{text.todo}</Typography>
      {text.quoteRequestId && requestId && (
        <Typography variant="caption" component="p">
          Request id: <code>{requestId}</code>
        </Typography>
      )}
      <Typography variant="caption" component="p" color="text.secondary">
        Code: {code}
      </Typography>
    </Alert>
  );
}

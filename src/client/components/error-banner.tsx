import { Alert, AlertTitle, Box, Button, Typography } from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink, useLocation } from 'react-router';
import { apiPaths } from '../../shared/api-contract.ts';
import { messages } from '../i18n/messages.ts';
import { leaveTo } from '../lib/leave-to.ts';
import { errorFactsOf, errorTextFor, type ErrorFacts, type ErrorText } from './error-messages.ts';

interface ErrorBannerProps {
  error: unknown;
  onRetry?: () => void;
}

const words = messages.errorBanner;

/** A failed load, said plainly: what happened, what to do, and an action where one exists. */
export function ErrorBanner({ error, onRetry }: ErrorBannerProps) {
  const facts = errorFactsOf(error);
  const text = errorTextFor(facts);

  return (
    <Alert severity="error" role="alert" data-error-code={facts.code}>
      <AlertTitle>{text.title}</AlertTitle>
      <Typography variant="body2">{text.what}</Typography>
      {text.detail && <Typography variant="body2">{text.detail}</Typography>}
      <Typography variant="body2">{text.todo}</Typography>
      <BannerAction text={text} facts={facts} onRetry={onRetry} />
      {text.quoteRequestId && facts.requestId && (
        <Typography variant="caption" component="p" sx={{ mt: 1 }}>
          {words.requestId} <code>{facts.requestId}</code>
        </Typography>
      )}
      <Typography variant="caption" component="p" color="text.secondary">
        {words.code} {facts.code}
      </Typography>
    </Alert>
  );
}

interface BannerActionProps {
  text: ErrorText;
  facts: ErrorFacts;
  onRetry?: (() => void) | undefined;
}

// The actions sit under the text rather than in the Alert's action slot, so that they wrap
// below the words on a narrow phone instead of squeezing them.
function BannerAction({ text, facts, onRetry }: BannerActionProps) {
  const location = useLocation();
  const [copied, setCopied] = useState(false);
  const here = `${location.pathname}${location.search}${location.hash}`;

  let action;
  switch (text.action) {
    case 'choose-record':
      action = (
        <Button component={RouterLink} to="/" variant="outlined" color="inherit" size="small">
          {words.chooseRecord}
        </Button>
      );
      break;
    case 'retry':
      if (onRetry)
        action = (
          <Button onClick={onRetry} variant="outlined" color="inherit" size="small">
            {words.retry}
          </Button>
        );
      break;
    case 'sign-in':
      // A full navigation: the proxy starts Zoho's sign-in and comes back to this page.
      action = (
        <Button
          onClick={() => leaveTo(apiPaths.signIn(here))}
          variant="outlined"
          color="inherit"
          size="small"
        >
          {words.signIn}
        </Button>
      );
      break;
    case 'reload':
      action = (
        <Button
          onClick={() => window.location.reload()}
          variant="outlined"
          color="inherit"
          size="small"
        >
          {words.reload}
        </Button>
      );
      break;
    case 'copy-details':
      // The clipboard exists only in a secure context (https, or 127.0.0.1 during development).
      if (typeof navigator !== 'undefined' && navigator.clipboard)
        action = (
          <Button
            onClick={() =>
              void navigator.clipboard
                .writeText(reportOf(facts, here))
                .then(() => setCopied(true))
                .catch(() => setCopied(false))
            }
            variant="outlined"
            color="inherit"
            size="small"
          >
            {copied ? words.copied : words.copyDetails}
          </Button>
        );
      break;
  }
  return action ? <Box sx={{ mt: 1.5 }}>{action}</Box> : null;
}

/** What a report needs: enough to find the request in the server's log. */
const reportOf = (facts: ErrorFacts, page: string) =>
  [
    `${words.code} ${facts.code}`,
    facts.message,
    `${words.requestId} ${facts.requestId}`,
    page,
    new Date().toISOString(),
  ].join('\n');

import { Alert, AlertTitle, Button, Link, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { apiPaths } from '../../../shared/api-contract.ts';
import { embedPaths } from '../../../shared/embed-contract.ts';
import { EMBED_MESSAGE_SOURCE } from '../../../shared/embed-messages.ts';
import { recordPath } from '../../app/paths.ts';
import { embedMessages } from '../../i18n/embed-messages.ts';

const words = embedMessages.signIn;
const SIGNED_IN = 'signed-in';

/**
 * No signed link and nobody signed in: Zoho's sign-in cannot run inside a frame, so it runs in
 * a window of its own, which tells this frame when it is done (and the session is polled
 * meanwhile, for browsers that cut the opener off).
 */
export function EmbedSignIn({
  module,
  recordId,
  onSignedIn,
}: {
  module: string;
  recordId: string;
  /** Asks the session again; called when the other window says so, and every few seconds. */
  onSignedIn: () => void;
}) {
  const [waiting, setWaiting] = useState(false);
  useEffect(() => {
    if (!waiting) return;
    const listener = (event: MessageEvent) => {
      const data = event.data as { source?: unknown; type?: unknown } | null;
      if (event.origin !== window.location.origin) return;
      if (data?.source === EMBED_MESSAGE_SOURCE && data.type === SIGNED_IN) onSignedIn();
    };
    window.addEventListener('message', listener);
    const poll = window.setInterval(onSignedIn, 3000);
    return () => {
      window.removeEventListener('message', listener);
      window.clearInterval(poll);
    };
  }, [waiting, onSignedIn]);

  const signIn = () => {
    window.open(apiPaths.signIn(embedPaths.signedIn()), 'bigin-attachments-sign-in', 'popup');
    setWaiting(true);
  };
  return (
    <Alert severity="info" role="alert" data-error-code="PROXY_SIGNED_OUT">
      <AlertTitle>{words.title}</AlertTitle>
      <Typography variant="body2">{words.what}</Typography>
      <Typography variant="body2">{words.todo}</Typography>
      <Stack direction="row" spacing={2} sx={{ mt: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button variant="contained" size="small" onClick={signIn}>
          {words.button}
        </Button>
        <Link href={recordPath(module, recordId)} target="_blank" rel="noopener">
          {words.openInTab}
        </Link>
        {waiting && (
          <Typography variant="body2" role="status">
            {words.waiting}
          </Typography>
        )}
      </Stack>
    </Alert>
  );
}

/** `/embed/signed-in`: the sign-in window's last stop; tells the frame that opened it. */
export function EmbedSignedInPage() {
  useEffect(() => {
    const opener = window.opener as Window | null;
    if (!opener) return;
    // Same origin only: the frame that opened this window is the app's own page.
    opener.postMessage({ source: EMBED_MESSAGE_SOURCE, type: SIGNED_IN }, window.location.origin);
    window.close();
  }, []);
  return (
    <Stack spacing={1} sx={{ p: 3 }}>
      <Typography variant="h6" component="h1">
        {embedMessages.signedIn.title}
      </Typography>
      <Typography>{embedMessages.signedIn.what}</Typography>
    </Stack>
  );
}

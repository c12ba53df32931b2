import { Alert, AlertTitle, Button, Link, Stack, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import type { FrameToken } from '../../../shared/embed-contract.ts';
import { recordPath } from '../../app/paths.ts';
import { errorFactsOf } from '../../components/error-messages.ts';
import { embedMessages } from '../../i18n/embed-messages.ts';
import { exchangeSignInCode } from '../../lib/api-client.ts';
import {
  awaitCode,
  newSignInAttempt,
  openSignInWindow,
  type AwaitedCode,
  type SignInAttempt,
} from './frame-sign-in.ts';

const words = embedMessages.signIn;

/** Why the widget asks for a sign-in: never signed in here, the sign-in ended, or signed out. */
export type SignInReason = 'first' | 'ended' | 'signed-out';

type Progress =
  | { kind: 'idle' }
  | { kind: 'waiting' }
  | { kind: 'blocked' }
  | { kind: 'abandoned' }
  | { kind: 'failed'; code: string }
  | { kind: 'unavailable' };

/**
 * Zoho's sign-in cannot run inside a frame, and a cookie set in a window of its own may never
 * reach the frame (third-party cookies blocked): the sign-in runs in a window of its own, which
 * hands this frame a one-time code at the app's own origin; the frame trades it, with the nonce
 * only it knows, for a frame token (docs/decisions/008-frame-sign-in.md).
 */
export function EmbedSignIn({
  module,
  recordId,
  reason,
  onSignedIn,
}: {
  module: string;
  recordId: string;
  reason: SignInReason;
  onSignedIn: (token: FrameToken) => void;
}) {
  const [progress, setProgress] = useState<Progress>({ kind: 'idle' });
  // Made before the click: the window must open in the click's own handler, with no wait. One
  // nonce per window: each click asks for the next.
  const [attempt, setAttempt] = useState<SignInAttempt | null>(null);
  const [attempts, setAttempts] = useState(0);
  useEffect(() => {
    let live = true;
    newSignInAttempt().then(
      (next) => live && setAttempt(next),
      () => live && setProgress({ kind: 'unavailable' }),
    );
    return () => {
      live = false;
    };
  }, [attempts]);
  const awaiting = useRef<AwaitedCode | null>(null);
  useEffect(() => () => awaiting.current?.stop(), []);

  const signIn = () => {
    if (!attempt) return;
    const popup = openSignInWindow(attempt);
    if (!popup) return setProgress({ kind: 'blocked' });
    setProgress({ kind: 'waiting' });
    awaiting.current?.stop();
    const waited = awaitCode(popup);
    awaiting.current = waited;
    setAttempt(null);
    setAttempts((n) => n + 1);
    void waited.code.then(async (code) => {
      if (awaiting.current !== waited) return;
      if (code === null) return setProgress({ kind: 'abandoned' });
      try {
        onSignedIn(await exchangeSignInCode(code, attempt.nonce));
        setProgress({ kind: 'idle' });
      } catch (error) {
        setProgress({ kind: 'failed', code: errorFactsOf(error).code });
      }
    });
  };

  const text = words[reason];
  return (
    <Alert
      severity={reason === 'ended' ? 'warning' : 'info'}
      role="alert"
      data-error-code={reason === 'ended' ? 'PROXY_EMBED_SESSION_ENDED' : 'PROXY_SIGNED_OUT'}
    >
      <AlertTitle>{text.title}</AlertTitle>
      <Typography variant="body2">{text.what}</Typography>
      <Stack direction="row" spacing={2} sx={{ mt: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button variant="contained" size="small" onClick={signIn} disabled={!attempt}>
          {words.button}
        </Button>
        <Link href={recordPath(module, recordId)} target="_blank" rel="noopener">
          {words.openInTab}
        </Link>
      </Stack>
      {progress.kind !== 'idle' && (
        <Typography variant="body2" role="status" sx={{ mt: 1 }}>
          {progress.kind === 'failed' ? words.failed(progress.code) : words[progress.kind]}
        </Typography>
      )}
    </Alert>
  );
}

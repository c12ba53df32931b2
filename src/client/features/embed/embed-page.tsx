import { Box, Button, Stack, ThemeProvider, Typography, type Theme } from '@mui/material';
import type {} from '@mui/x-data-grid/themeAugmentation';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { EMBED_ACTIONS, embedPaths } from '../../../shared/embed-contract.ts';
import type { HostMessage, WidgetMessageBody } from '../../../shared/embed-messages.ts';
import { errorFactsOf } from '../../components/error-messages.ts';
import { embedMessages } from '../../i18n/embed-messages.ts';
import { AllowedActionsContext } from '../../lib/allowed-actions.ts';
import { sessionQuery } from '../../lib/session-query.ts';
import { attachmentPageQuery } from '../attachments/attachment-queries.ts';
import { AttachmentsGrid } from '../record-page/attachments-grid.tsx';
import { EmbedBanner } from './embed-banner.tsx';
import { useEmbedAuthorization } from './embed-authorization.ts';
import {
  framedByStranger,
  isFramed,
  listenToHost,
  parentOrigin,
  postTarget,
  postToHost,
} from './embed-bridge.ts';
import { embedContextQuery } from './embed-queries.ts';
import { EmbedSignIn, type SignInReason } from './embed-sign-in.tsx';
import { useFileOpened, type FileOpened } from './use-file-opened.ts';
import { useFrameSession } from './use-frame-session.ts';

const ALL_ACTIONS = new Set(EMBED_ACTIONS);

/** The grid in its compact density: a widget has little room. */
const compactGrid = (outer: Theme): Theme => ({
  ...outer,
  components: { ...outer.components, MuiDataGrid: { defaultProps: { density: 'compact' } } },
});

/** What the widget shows once it knows enough: one of these, never data before the checks. */
type Shown =
  | { kind: 'loading' }
  | { kind: 'banner'; code: string; error?: unknown }
  | { kind: 'sign-in'; reason: SignInReason }
  | { kind: 'grid' };

/**
 * `/embed/:module/:recordId[?token=...]`: one record's attachments without the app's chrome,
 * for another page's iframe (the Bigin widget page comes here too). It shows data only when the
 * framing page is allowed and a signed link, a frame token (its own sign-in, in a window of its
 * own) or the session's cookie vouches; it tells the host its height and state, at the host's
 * exact origin, and takes `show-record` from it.
 */
export function EmbedPage() {
  const { module = '', recordId = '' } = useParams();
  const [search] = useSearchParams();
  const token = search.get('token');
  // The Bigin widget names how many records were selected in a list view; the first is shown.
  const selectedCount = Number(search.get('selected') ?? 1);
  // Without a link, the frame's own sign-in: a frame token, where third-party cookies are blocked.
  const frame = useFrameSession(token !== null);
  // Nothing is asked of the proxy before the HTTP client holds the bearer: every call carries it.
  const authorized = useEmbedAuthorization(token ?? frame.bearer);
  const navigate = useNavigate();

  const context = useQuery({ ...embedContextQuery(token), enabled: authorized });
  const session = useQuery({ ...sessionQuery(), enabled: authorized && !token });
  const firstPage = useQuery({ ...attachmentPageQuery(module, recordId, 1), enabled: false });

  const framed = isFramed();
  const allowed = useMemo(() => context.data?.allowedOrigins ?? [], [context.data]);
  const grant = context.data?.grant ?? null;
  const parent = framed ? parentOrigin() : null;
  const target = framed && context.data ? postTarget(parent, allowed, grant?.origin) : null;

  const shown: Shown = (() => {
    if (!authorized) return { kind: 'loading' };
    if (context.error)
      return { kind: 'banner', code: errorFactsOf(context.error).code, error: context.error };
    if (!context.data) return { kind: 'loading' };
    if (framed && framedByStranger(parent, allowed))
      return { kind: 'banner', code: 'EMBED_NOT_ALLOWED_HERE' };
    if (grant && (grant.module !== module || grant.recordId !== recordId))
      return { kind: 'banner', code: 'PROXY_EMBED_WRONG_RECORD' };
    if (grant) return { kind: 'grid' };
    if (frame.session.status === 'signed-out') return { kind: 'sign-in', reason: 'signed-out' };
    // Ended while the grid was shown: it stays (and what is in progress with it), under a banner.
    if (frame.session.status === 'ended')
      return session.data?.signedIn ? { kind: 'grid' } : { kind: 'sign-in', reason: 'ended' };
    if (session.error)
      return { kind: 'banner', code: errorFactsOf(session.error).code, error: session.error };
    if (!session.data) return { kind: 'loading' };
    return session.data.signedIn ? { kind: 'grid' } : { kind: 'sign-in', reason: 'first' };
  })();
  const ended = frame.session.status === 'ended';

  const post = useCallback((message: WidgetMessageBody) => postToHost(target, message), [target]);

  // The host's state messages: ready once there is something to see, error with its code.
  const stateCode =
    shown.kind === 'banner'
      ? shown.code
      : ended
        ? 'PROXY_EMBED_SESSION_ENDED'
        : shown.kind === 'sign-in'
          ? 'PROXY_SIGNED_OUT'
          : shown.kind === 'grid' && firstPage.error
            ? errorFactsOf(firstPage.error).code
            : null;
  const readyNow =
    shown.kind !== 'loading' && (shown.kind !== 'grid' || firstPage.status !== 'pending');
  useEffect(() => {
    if (!readyNow) return;
    post({ type: 'ready', module, recordId });
  }, [readyNow, post, module, recordId]);
  useEffect(() => {
    if (stateCode) post({ type: 'error', code: stateCode });
  }, [stateCode, post]);

  useFileOpened(
    useCallback((opened: FileOpened) => post({ type: 'file-opened', ...opened }), [post]),
  );

  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = root.current;
    if (!element || !target) return;
    const observer = new ResizeObserver(() =>
      post({ type: 'resize', height: Math.ceil(element.getBoundingClientRect().height) }),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [target, post]);

  useEffect(() => {
    if (!context.data) return;
    return listenToHost(allowed, (message: HostMessage) => {
      const sameRecord = message.module === module && message.recordId === recordId;
      const nextToken = message.token ?? (sameRecord ? token : null);
      navigate(embedPaths.widget(message.module, message.recordId, nextToken ?? undefined), {
        replace: true,
      });
    });
  }, [context.data, allowed, module, recordId, token, navigate]);

  return (
    <Box ref={root} component="main" sx={{ p: 1 }}>
      {shown.kind === 'loading' && <Box role="status">{embedMessages.loading}</Box>}
      {shown.kind === 'banner' && <EmbedBanner code={shown.code} error={shown.error} />}
      {(shown.kind === 'sign-in' || (shown.kind === 'grid' && ended)) && (
        <Box sx={{ mb: 1 }}>
          <EmbedSignIn
            module={module}
            recordId={recordId}
            reason={shown.kind === 'sign-in' ? shown.reason : 'ended'}
            onSignedIn={(granted) => frame.signedIn(granted, session.data?.user)}
          />
        </Box>
      )}
      {shown.kind === 'grid' && frame.session.status === 'active' && (
        <Stack direction="row" spacing={1} sx={{ mb: 0.5, alignItems: 'center' }}>
          <Typography variant="body2" color="text.secondary">
            {session.data?.user && embedMessages.account.signedInAs(session.data.user.name)}
          </Typography>
          <Button size="small" onClick={() => void frame.signOut()}>
            {embedMessages.account.signOut}
          </Button>
        </Stack>
      )}
      {shown.kind === 'grid' && (
        <ThemeProvider theme={compactGrid}>
          {selectedCount > 1 && (
            <Typography variant="body2" sx={{ mb: 1 }}>
              {embedMessages.biginWidget.firstOfMany(selectedCount)}
            </Typography>
          )}
          <AllowedActionsContext value={grant ? new Set(grant.actions) : ALL_ACTIONS}>
            <AttachmentsGrid key={`${module}/${recordId}`} module={module} recordId={recordId} />
          </AllowedActionsContext>
        </ThemeProvider>
      )}
    </Box>
  );
}

import { Alert, AlertTitle, Typography } from '@mui/material';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { byCode, errorFactsOf } from '../../components/error-messages.ts';
import { embedMessages } from '../../i18n/embed-messages.ts';

/** Where the widget cannot show the attachments: the link's own problems in its words. */
export function EmbedBanner({ error, code }: { error?: unknown; code?: string }) {
  const shownCode = code ?? errorFactsOf(error).code;
  const words =
    shownCode === 'EMBED_NOT_ALLOWED_HERE'
      ? embedMessages.notAllowedHere
      : byCode(embedMessages.errors, shownCode);
  if (!words) return <ErrorBanner error={error} />;
  return (
    <Alert severity="error" role="alert" data-error-code={shownCode}>
      <AlertTitle>{words.title}</AlertTitle>
      <Typography variant="body2">{words.what}</Typography>
      <Typography variant="body2">{words.todo}</Typography>
      <Typography variant="caption" component="p" color="text.secondary">
        {shownCode}
      </Typography>
    </Alert>
  );
}

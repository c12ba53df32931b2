import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiPaths, linkUploadSchema } from '../../../shared/api-contract.ts';
import { messages } from '../../i18n/messages.ts';
import { ApiClientError, apiWrite } from '../../lib/api-client.ts';
import { attachmentKeys } from '../attachments/attachment-queries.ts';
import { actionReason } from './action-reason.ts';

const words = messages.linkForm;
const MAX_URL = 3000;

interface LinkDialogProps {
  module: string;
  recordId: string;
  onClose: (attached: boolean) => void;
}

/** Checks an address as Bigin will: http or https, at most 3000 characters. */
export function linkProblem(url: string): string | null {
  if (url.length > MAX_URL) return words.tooLong;
  if (!linkUploadSchema.shape.attachmentUrl.safeParse(url).success) return words.badUrl;
  try {
    new URL(url);
  } catch {
    return words.badUrl;
  }
  return null;
}

/**
 * The address meant by one typed without a scheme ("zylker.com/quote"): the same with https://,
 * when that makes an address with a dotted host; else null.
 */
export function withHttps(url: string): string | null {
  const typed = url.trim();
  // A scheme of its own (mailto:, ftp:, https:) stays; "host:8443/..." is a host and a port.
  const hasScheme = /^[a-z][a-z\d+.-]*:(?!\d)/i.test(typed);
  if (typed === '' || hasScheme || typed.startsWith('//')) return null;
  try {
    const candidate = new URL(`https://${typed}`);
    const host = candidate.hostname;
    if (!host.includes('.') || host.startsWith('.') || host.endsWith('.')) return null;
    return linkProblem(`https://${typed}`) ? null : `https://${typed}`;
  } catch {
    return null;
  }
}

/** A small form to attach a link; Bigin's refusals (a bad or duplicate link) show on the field. */
export function LinkDialog({ module, recordId, onClose }: LinkDialogProps) {
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [touched, setTouched] = useState(false);
  const attach = useMutation({
    mutationFn: () =>
      apiWrite(apiPaths.upload(module, recordId), {
        method: 'POST',
        json: { attachmentUrl: url.trim(), ...(title.trim() ? { title: title.trim() } : {}) },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: attachmentKeys.record(module, recordId) });
      onClose(true);
    },
  });
  const localProblem = touched ? linkProblem(url.trim()) : null;
  // An address typed without its scheme is offered with https:// in front.
  const suggestion = localProblem ? withHttps(url) : null;
  const error = attach.error;
  const fieldError =
    localProblem ??
    (error instanceof ApiClientError && error.code === 'DUPLICATE_DATA'
      ? words.duplicate
      : error instanceof ApiClientError && /URL|INVALID_DATA/.test(error.code)
        ? `${words.badUrl} (${error.code})`
        : null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (linkProblem(url.trim())) return;
    attach.mutate();
  };
  return (
    <Dialog
      open
      onClose={() => onClose(false)}
      aria-labelledby="link-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="link-title">{words.title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              label={words.url}
              value={url}
              onChange={(event) => {
                setUrl(event.target.value);
                attach.reset();
              }}
              onBlur={() => setTouched(url !== '')}
              type="url"
              required
              autoFocus
              error={Boolean(fieldError)}
              helperText={fieldError ?? words.urlHelper}
              slotProps={{ htmlInput: { maxLength: MAX_URL + 1, inputMode: 'url' } }}
            />
            {suggestion && (
              <Alert
                severity="info"
                action={
                  <Button
                    color="inherit"
                    size="small"
                    aria-label={words.useSuggestionLabel(suggestion)}
                    onClick={() => {
                      setUrl(suggestion);
                      attach.reset();
                    }}
                  >
                    {words.useSuggestion}
                  </Button>
                }
                sx={{ overflowWrap: 'anywhere' }}
              >
                {words.suggestion(suggestion)}
              </Alert>
            )}
            <TextField
              label={words.titleLabel}
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              slotProps={{ htmlInput: { maxLength: 255 } }}
            />
            {error && !fieldError && (
              <Alert severity="error" role="alert">
                {actionReason(error)}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose(false)}>{messages.fileActions.cancel}</Button>
          <Button type="submit" variant="contained" loading={attach.isPending}>
            {words.submit}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

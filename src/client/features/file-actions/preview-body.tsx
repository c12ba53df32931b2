import { Alert, Box, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { createElement, useEffect, useState } from 'react';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { messages } from '../../i18n/messages.ts';
import { ApiClientError } from '../../lib/api-client.ts';
import { attachmentName } from '../attachments/column-text.ts';
import { previewKind } from '../attachments/preview-kind.ts';
import { actionReason } from './action-reason.ts';
import { usePreviewSource } from './preview-links.ts';
import { previewFailureQuery, previewTextQuery } from './preview-queries.ts';

const words = messages.preview;

/**
 * A small image is drawn larger, up to this many times its size, until its longer side reaches
 * SMALL_IMAGE_TARGET: an icon of 48 pixels is not lost in the panel, nor stretched to its width.
 */
const SMALL_IMAGE_MAX_ZOOM = 4;
const SMALL_IMAGE_TARGET = 192;

export interface PreviewTarget {
  module: string;
  recordId: string;
  row: Attachment;
}

/** Natural pixels of an image once it has loaded, for its zoom and the panel's details. */
export type ImageSize = { width: number; height: number };

/**
 * A PDF's frame: from the preview origin, which holds nothing of the user's, served with a
 * `sandbox` CSP (which Chromium's PDF viewer ignores). It carries no `sandbox` attribute:
 * Chromium refuses to show a PDF in a sandboxed frame, whatever the tokens allowed
 * (docs/decisions/009-preview-origin.md). `credentialless` (Chromium) loads it with no cookie or
 * storage of any site; other browsers ignore it.
 */
const PDF_FRAME_ATTRIBUTES = { credentialless: true, referrerPolicy: 'no-referrer' } as const;

/**
 * The file itself: an image, a PDF or a player's media from the preview origin (a link the app's
 * origin mints, preview-links.ts), which serves safe types only, sandboxed; text read from the
 * app's own preview route. Without a preview origin a PDF is not shown, only offered as a
 * download. Remount it per row (`key`).
 */
export function PreviewBody({
  module,
  recordId,
  row,
  onImageSize,
  onGone,
}: PreviewTarget & { onImageSize: (size: ImageSize) => void; onGone: () => void }) {
  const [failed, setFailed] = useState(false);
  const [natural, setNatural] = useState<ImageSize | null>(null);
  const kind = previewKind(row);
  const shownBySource = kind !== 'none' && kind !== 'text';
  const source = usePreviewSource(module, recordId, row.id, shownBySource && !failed);
  if (kind === 'none' || failed || (shownBySource && source.error))
    return (
      <NoPreview
        module={module}
        recordId={recordId}
        row={row}
        failed={kind !== 'none'}
        error={source.error ?? undefined}
        onGone={onGone}
      />
    );
  if (kind === 'pdf' && source.separateOrigin === false)
    return (
      <Alert severity="info" sx={{ alignSelf: 'flex-start' }}>
        {words.pdfDownloadOnly}
      </Alert>
    );
  const src = source.src;
  // The link is minted in a moment, by the app's own origin: its place is kept meanwhile.
  if (shownBySource && !src) return <Box aria-busy sx={{ flex: 1, minHeight: 240 }} />;
  const onError = () => setFailed(true);
  switch (kind) {
    case 'image': {
      const zoom = natural
        ? Math.min(
            SMALL_IMAGE_MAX_ZOOM,
            Math.max(1, SMALL_IMAGE_TARGET / Math.max(natural.width, natural.height)),
          )
        : 1;
      return (
        // The stage takes the panel's room; the image is fitted inside it, never past its own
        // size but for a small image's zoom, and centred.
        <Box sx={{ position: 'relative', flex: 1, minHeight: 240 }}>
          <Box
            component="img"
            src={src}
            alt={attachmentName(row)}
            onError={onError}
            onLoad={(event) => {
              const image = event.currentTarget;
              const size = { width: image.naturalWidth, height: image.naturalHeight };
              setNatural(size);
              onImageSize(size);
            }}
            sx={{
              position: 'absolute',
              inset: 0,
              m: 'auto',
              maxWidth: '100%',
              maxHeight: '100%',
              objectFit: 'contain',
              // Until its size is known it is not seen, so it never jumps from 48 px to 192.
              opacity: natural ? 1 : 0,
              ...(natural && zoom > 1
                ? {
                    width: natural.width * zoom,
                    height: natural.height * zoom,
                    imageRendering: 'pixelated',
                  }
                : {}),
            }}
          />
        </Box>
      );
    }
    case 'pdf':
      // Another origin's document, which reaches nothing of the app's.
      return (
        <Box
          component="iframe"
          src={src}
          {...PDF_FRAME_ATTRIBUTES}
          title={words.pdfFrame(attachmentName(row))}
          sx={{ border: 0, width: '100%', flex: 1, minHeight: 360 }}
        />
      );
    case 'audio':
    case 'video':
      // The same player either way: <audio> or <video>, with the browser's own controls.
      return createElement(kind, {
        controls: true,
        src,
        onError,
        'aria-label': attachmentName(row),
        style: { width: '100%', maxHeight: '100%' },
      });
    case 'text':
      return <TextPreview row={row} module={module} recordId={recordId} onGone={onGone} />;
  }
}

function TextPreview({ row, module, recordId, onGone }: PreviewTarget & { onGone: () => void }) {
  const text = useQuery(previewTextQuery(module, recordId, row.id));
  if (text.isPending) return <Typography role="status">{words.loading}</Typography>;
  if (text.error)
    return (
      <NoPreview
        module={module}
        recordId={recordId}
        row={row}
        failed
        error={text.error}
        onGone={onGone}
      />
    );
  return (
    <>
      {text.data.cut && <Alert severity="info">{words.truncated}</Alert>}
      {/* Text only: React escapes it; nothing in a file is ever parsed as markup. */}
      <Box
        component="pre"
        tabIndex={0}
        aria-label={attachmentName(row)}
        sx={{
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
          overflow: 'auto',
          m: 0,
          flex: 1,
          minHeight: 0,
          fontSize: 14,
        }}
      >
        {text.data.text}
      </Box>
    </>
  );
}

function NoPreview({
  module,
  recordId,
  row,
  failed,
  error,
  onGone,
}: PreviewTarget & {
  failed: boolean;
  /** Why it failed, when already known. */
  error?: unknown;
  onGone: () => void;
}) {
  const asked = useQuery({
    ...previewFailureQuery(module, recordId, row.id),
    enabled: failed && error === undefined,
  });
  const cause = error ?? asked.data;
  const reason = cause instanceof ApiClientError ? actionReason(cause) : undefined;
  // A file Bigin no longer has cannot be downloaded either: the panel stops offering it.
  const gone = cause instanceof ApiClientError && cause.code === 'PROXY_ATTACHMENT_GONE';
  useEffect(() => {
    if (gone) onGone();
  }, [gone, onGone]);
  return (
    <Alert severity={gone ? 'warning' : 'info'} sx={{ alignSelf: 'flex-start' }}>
      {!failed ? words.unsupported : reason ? words.failedBecause(reason) : words.failed}
    </Alert>
  );
}

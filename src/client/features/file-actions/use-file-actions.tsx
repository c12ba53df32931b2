import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { messages } from '../../i18n/messages.ts';
import { maxUploadBytesOf, sessionQuery } from '../../lib/session-query.ts';
import type { RowActionHandlers } from './row-actions.tsx';
import { useAllowedActions } from '../../lib/allowed-actions.ts';
import { NoticeSnackbar, type Notice } from '../../components/notice-snackbar.tsx';

// Loaded when first used: the record page's first load carries none of their code.
const PreviewPanel = lazy(() =>
  import('./preview-panel.tsx').then((m) => ({ default: m.PreviewPanel })),
);
const UploadTray = lazy(() => import('./upload-tray.tsx').then((m) => ({ default: m.UploadTray })));
const LinkDialog = lazy(() => import('./link-dialog.tsx').then((m) => ({ default: m.LinkDialog })));
const DeleteFlow = lazy(() => import('./delete-flow.tsx').then((m) => ({ default: m.DeleteFlow })));
const ZipDialog = lazy(() => import('./zip-dialog.tsx').then((m) => ({ default: m.ZipDialog })));

/**
 * The file actions of one record's grid: what each row's buttons and the toolbar open, and the
 * panels and dialogs they open.
 */
export function useFileActions(module: string, recordId: string) {
  const session = useQuery(sessionQuery());
  const [previewing, setPreviewing] = useState<Attachment | null>(null);
  const [confirming, setConfirming] = useState<Attachment[] | null>(null);
  const [zipping, setZipping] = useState<Attachment[] | null>(null);
  const [linking, setLinking] = useState(false);
  const [batches, setBatches] = useState<File[][]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  // Rows uploaded in this visit, newest first: the grid shows them first, marked as new.
  const [arrived, setArrived] = useState<Attachment[]>([]);
  const onUploaded = useCallback(
    (row: Attachment) => setArrived((all) => [row, ...all.filter((other) => other.id !== row.id)]),
    [],
  );

  // Inside an embed opened with a signed link, only what the link grants is offered.
  const allowed = useAllowedActions();
  const can = useMemo(
    () => ({
      download: allowed.has('download'),
      upload: allowed.has('upload'),
      delete: allowed.has('delete'),
    }),
    [allowed],
  );
  const handlers = useMemo<RowActionHandlers>(
    () => ({ module, recordId, can, onPreview: setPreviewing, onDelete: setConfirming }),
    [module, recordId, can],
  );
  const upload = useCallback(
    (files: File[]) => can.upload && files.length > 0 && setBatches((all) => [...all, files]),
    [can.upload],
  );

  /**
   * The panels and dialogs the actions open; `rows`, the rows in the order the grid shows them,
   * are what the preview's previous and next go through.
   */
  const renderOverlays = (rows?: readonly Attachment[]) => (
    <>
      <Suspense fallback={null}>
        {batches.length > 0 && (
          <UploadTray
            module={module}
            recordId={recordId}
            maxBytes={maxUploadBytesOf(session.data)}
            batches={batches}
            onUploaded={onUploaded}
          />
        )}
        {previewing && (
          <PreviewPanel
            module={module}
            recordId={recordId}
            row={previewing}
            rows={rows}
            onShow={setPreviewing}
            onClose={() => setPreviewing(null)}
          />
        )}
        {linking && (
          <LinkDialog
            module={module}
            recordId={recordId}
            onClose={(attached) => {
              setLinking(false);
              if (attached) setNotice({ severity: 'success', text: messages.linkForm.attached });
            }}
          />
        )}
        {zipping && (
          <ZipDialog
            module={module}
            recordId={recordId}
            rows={zipping}
            onDone={(done) => {
              setZipping(null);
              setNotice(done);
            }}
          />
        )}
        {confirming && (
          <DeleteFlow
            key={confirming.map((row) => row.id).join()}
            module={module}
            recordId={recordId}
            rows={confirming}
            onDone={(done) => {
              // Deleted (or refused, and so back in its place in Bigin's list): no longer new.
              const gone = new Set(confirming.map((row) => row.id));
              if (done) setArrived((all) => all.filter((row) => !gone.has(row.id)));
              setConfirming(null);
              if (done) setNotice(done);
            }}
          />
        )}
      </Suspense>
      <NoticeSnackbar notice={notice} onClose={() => setNotice(null)} />
    </>
  );

  return {
    can,
    handlers,
    renderOverlays,
    upload,
    arrived,
    openLinkForm: () => setLinking(true),
    zip: setZipping,
    confirmDelete: setConfirming,
  };
}

export type FileActions = ReturnType<typeof useFileActions>;

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { apiPaths } from '../../../shared/api-contract.ts';
import { apiUpload, isSignInEnded, type UploadFailure } from '../../lib/api-client.ts';
import { attachmentKeys } from '../attachments/attachment-queries.ts';
import { actionReason } from './action-reason.ts';
import { arrivedAttachment } from './arrived-upload.ts';
import { cachedRows } from './attachment-cache.ts';
import { listAllAttachments } from './list-attachments.ts';
import { uploadProblem } from './upload-checks.ts';
import { uploadedRow } from './uploaded-row.ts';

export type UploadState =
  | { phase: 'rejected'; reason: string }
  | { phase: 'sending'; sent: number; total: number }
  | { phase: 'checking' }
  | { phase: 'done' }
  /** The answer was lost, but the record now holds the file. */
  | { phase: 'arrived' }
  | { phase: 'cancelled' }
  /** The record was listed again and does not hold the file: a retry is safe. */
  | { phase: 'not-arrived'; reason: string }
  /** The record could not be listed: whether it arrived is unknown. */
  | { phase: 'unknown'; reason: string }
  /**
   * Refused, nothing stored. `afterSignIn`: refused because the sign-in it was sent under had
   * ended (a widget's session): the same file may be sent again once signed in.
   */
  | { phase: 'refused'; reason: string; afterSignIn?: boolean };

export interface UploadItem {
  key: number;
  file: File;
  state: UploadState;
}

/** An upload's state once nothing more will happen to it without the user. */
export const isSettled = (state: UploadState) =>
  state.phase !== 'sending' && state.phase !== 'checking';

export interface UploadEvents {
  /** Each upload's outcome, once: to announce it. */
  onSettled?: (item: UploadItem) => void;
  /** A file Bigin took, as the row it will list. */
  onUploaded?: (row: Attachment) => void;
}

/** The uploads of one record: each file checked, sent, and accounted for. */
export function useUploads(
  module: string,
  recordId: string,
  maxBytes: number,
  events: UploadEvents = {},
) {
  const queryClient = useQueryClient();
  const [items, setItems] = useState<UploadItem[]>([]);
  const cancels = useRef(new Map<number, () => void>());
  const nextKey = useRef(1);
  const listeners = useRef(events);
  useLayoutEffect(() => {
    listeners.current = events;
  });

  const update = useCallback((key: number, state: UploadState, file?: File) => {
    setItems((all) => all.map((item) => (item.key === key ? { ...item, state } : item)));
    if (file && isSettled(state)) listeners.current.onSettled?.({ key, file, state });
  }, []);

  const run = useCallback(
    async (key: number, file: File) => {
      const problem = uploadProblem(file, maxBytes);
      if (problem) return update(key, { phase: 'rejected', reason: problem }, file);
      update(key, { phase: 'sending', sent: 0, total: file.size });
      const facts = {
        name: file.name,
        size: file.size,
        startedAt: Date.now(),
        knownIds: new Set(cachedRows(queryClient, module, recordId).map((row) => row.id)),
      };
      let failure: UploadFailure;
      try {
        const handle = await apiUpload(apiPaths.upload(module, recordId), file, (sent, total) =>
          update(key, { phase: 'sending', sent, total }),
        );
        cancels.current.set(key, handle.cancel);
        const result = await handle.done;
        const row = uploadedRow(file, result);
        if (row) listeners.current.onUploaded?.(row);
        update(key, { phase: 'done' }, file);
        void queryClient.invalidateQueries({ queryKey: attachmentKeys.record(module, recordId) });
        return;
      } catch (error) {
        failure =
          error && typeof error === 'object' && 'kind' in error
            ? (error as UploadFailure)
            : { kind: 'lost', error: null };
      } finally {
        cancels.current.delete(key);
      }
      if (failure.kind === 'refused') {
        const afterSignIn = isSignInEnded(failure.error);
        const reason = actionReason(failure.error);
        return update(key, { phase: 'refused', reason, ...(afterSignIn && { afterSignIn }) }, file);
      }
      // Cancelled late or answer lost: the bytes may have reached Bigin. Ask before saying.
      update(key, { phase: 'checking' });
      try {
        const rows = await listAllAttachments(queryClient, module, recordId);
        const arrived = arrivedAttachment(rows, facts);
        if (arrived) {
          listeners.current.onUploaded?.(arrived);
          update(key, { phase: 'arrived' }, file);
        } else if (failure.kind === 'cancelled') update(key, { phase: 'cancelled' }, file);
        else update(key, { phase: 'not-arrived', reason: actionReason(failure.error) }, file);
      } catch (error) {
        const cause = failure.kind === 'lost' ? (failure.error ?? error) : error;
        update(key, { phase: 'unknown', reason: actionReason(cause) }, file);
      }
    },
    [maxBytes, module, recordId, queryClient, update],
  );

  const add = useCallback(
    (files: readonly File[]) => {
      const added = files.map((file) => ({
        key: nextKey.current++,
        file,
        state: { phase: 'sending', sent: 0, total: file.size } as UploadState,
      }));
      setItems((all) => [...all, ...added]);
      for (const item of added) void run(item.key, item.file);
    },
    [run],
  );

  const retry = useCallback((item: UploadItem) => void run(item.key, item.file), [run]);
  const cancel = useCallback((item: UploadItem) => cancels.current.get(item.key)?.(), []);
  const dismiss = useCallback(
    (item: UploadItem) => setItems((all) => all.filter((other) => other.key !== item.key)),
    [],
  );
  return { items, add, retry, cancel, dismiss };
}

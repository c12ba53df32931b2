import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Menu,
  MenuItem,
} from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { apiPaths } from '../../../shared/api-contract.ts';
import { messages } from '../../i18n/messages.ts';
import { apiWrite, uploadForm } from '../../lib/api-client.ts';
import { photoFailureText, photoProblem, PHOTO_ACCEPT } from './photo-checks.ts';
import type { Notice } from '../../components/notice-snackbar.tsx';

const words = messages.recordPhoto;

interface PhotoMenuProps {
  module: string;
  recordId: string;
  name: string;
  hasPhoto: boolean;
  anchor: HTMLElement;
  /**
   * Called once: with what to tell the user, or null when nothing was done; and, when it
   * succeeded, whether the record now has a photo.
   */
  onDone: (notice: Notice | null, hasPhotoNow?: boolean) => void;
}

/** Upload or replace the photo (images only, checked first), or remove it after asking. */
export function PhotoMenu({ module, recordId, name, hasPhoto, anchor, onDone }: PhotoMenuProps) {
  const input = useRef<HTMLInputElement>(null);
  const [step, setStep] = useState<'menu' | 'choosing' | 'confirm' | 'busy'>('menu');
  const path = apiPaths.photo(module, recordId);
  useEffect(() => {
    // The file chooser closed without a file: nothing to do (React has no prop for this event).
    const element = input.current;
    const cancelled = () => onDone(null);
    element?.addEventListener('cancel', cancelled);
    return () => element?.removeEventListener('cancel', cancelled);
  }, [onDone]);

  const send = async (run: () => Promise<unknown>, success: string, hasPhotoNow: boolean) => {
    setStep('busy');
    try {
      await run();
      onDone({ severity: 'success', text: success }, hasPhotoNow);
    } catch (error) {
      onDone({ severity: 'error', text: photoFailureText(error) });
    }
  };
  const chosen = (file: File | undefined) => {
    if (!file) return onDone(null);
    const problem = photoProblem(file);
    if (problem) return onDone({ severity: 'error', text: problem });
    void send(() => apiWrite(path, { method: 'POST', body: uploadForm(file) }), words.saved, true);
  };

  return (
    <>
      <Menu anchorEl={anchor} open={step === 'menu'} onClose={() => onDone(null)}>
        <MenuItem
          onClick={() => {
            setStep('choosing');
            input.current?.click();
          }}
        >
          {hasPhoto ? words.replace : words.upload}
        </MenuItem>
        {hasPhoto && <MenuItem onClick={() => setStep('confirm')}>{words.remove}</MenuItem>}
      </Menu>
      <input
        ref={input}
        type="file"
        accept={PHOTO_ACCEPT}
        hidden
        aria-label={hasPhoto ? words.replace : words.upload}
        onChange={(event) => chosen(event.target.files?.[0])}
      />
      <Dialog
        open={step === 'confirm'}
        onClose={() => onDone(null)}
        aria-labelledby="photo-remove-title"
      >
        <DialogTitle id="photo-remove-title">{words.confirmRemoveTitle}</DialogTitle>
        <DialogContent>
          <DialogContentText>{words.confirmRemoveText(name)}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onDone(null)} autoFocus>
            {messages.fileActions.cancel}
          </Button>
          <Button
            color="error"
            variant="contained"
            onClick={() =>
              void send(() => apiWrite(path, { method: 'DELETE' }), words.removed, false)
            }
          >
            {words.remove}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

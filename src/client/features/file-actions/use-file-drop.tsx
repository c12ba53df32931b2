import { Box, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { messages } from '../../i18n/messages.ts';

const carriesFiles = (event: DragEvent) =>
  Array.from(event.dataTransfer?.types ?? []).includes('Files');

/**
 * Files dropped anywhere on the page go to `onFiles`; while they are dragged over it, the page
 * says where they will go. Dropping outside would otherwise open the file in place of the app.
 */
export function useFileDrop(onFiles: ((files: File[]) => void) | null) {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent) => {
      // Where uploads are not allowed, a drop is only kept from opening the file in place.
      if (!carriesFiles(event) || !onFiles) return;
      depth += 1;
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (event: DragEvent) => {
      if (carriesFiles(event)) event.preventDefault();
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      onFiles?.(Array.from(event.dataTransfer?.files ?? []));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [onFiles]);

  return dragging ? (
    <Box
      role="status"
      sx={{
        position: 'fixed',
        inset: 0,
        zIndex: 'modal',
        display: 'grid',
        placeItems: 'center',
        bgcolor: 'rgba(25, 118, 210, 0.12)',
        border: '3px dashed',
        borderColor: 'primary.main',
        pointerEvents: 'none',
      }}
    >
      <Typography variant="h6" sx={{ bgcolor: 'background.paper', p: 2, borderRadius: 1 }}>
        {messages.fileActions.dropHere}
      </Typography>
    </Box>
  ) : null;
}

import PhotoIcon from '@mui/icons-material/PhotoCameraOutlined';
import { Avatar, Box, IconButton, Skeleton } from '@mui/material';
import { lazy, Suspense, useEffect, useState } from 'react';
import { apiPaths } from '../../../shared/api-contract.ts';
import { RECORD_HEADER } from '../../app/record-page-geometry.ts';
import { messages } from '../../i18n/messages.ts';
import { NoticeSnackbar, type Notice } from '../../components/notice-snackbar.tsx';
import { initialsOf } from '../../lib/initials.ts';

// The menu, its checks and its calls load when the user first opens it.
const PhotoMenu = lazy(() => import('./photo-menu.tsx').then((m) => ({ default: m.PhotoMenu })));

const words = messages.recordPhoto;
const SIZE = RECORD_HEADER.photoSize;

interface RecordPhotoProps {
  module: string;
  recordId: string;
  /** The record's name, or undefined while it loads. */
  name: string | undefined;
  /** Whether the module can carry a photo (Contacts, Accounts and Products in Bigin). */
  hasPhotoField: boolean;
  /**
   * Whether the record has a photo, when its detail says (Bigin's `Record_Image`): a record
   * without one is never asked for it, so no failed request shows in the browser's console.
   */
  hasPhoto?: boolean | undefined;
}

type PhotoStatus = 'loading' | 'shown' | 'none';

/** Whether the record's photo loads; asked again when `version` changes (after an upload). */
function usePhoto(src: string | null, version: number): PhotoStatus {
  const [status, setStatus] = useState<{ key: string; status: PhotoStatus }>({
    key: '',
    status: 'none',
  });
  const key = `${src}#${version}`;
  useEffect(() => {
    if (!src) return;
    const image = new Image();
    // The proxy answers 404 for a record without a photo: the initials stay.
    image.onload = () => setStatus({ key, status: 'shown' });
    image.onerror = () => setStatus({ key, status: 'none' });
    image.src = src;
    return () => {
      image.onload = null;
      image.onerror = null;
    };
  }, [src, key]);
  if (!src) return 'none';
  // While a new version loads, the last one stays: no flash of initials after a replace.
  return status.key === key || status.key !== '' ? status.status : 'loading';
}

/**
 * The record's photo, or its initials when it has none (or the module carries no photo), with a
 * button to upload, replace or remove it.
 */
export function RecordPhoto({ module, recordId, name, hasPhotoField, hasPhoto }: RecordPhotoProps) {
  const [version, setVersion] = useState(0);
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  // What the menu changed since the record was read: a photo uploaded, or removed.
  const [changed, setChanged] = useState<boolean | undefined>(undefined);
  const exists = changed ?? hasPhoto;
  const src = hasPhotoField && exists !== false ? apiPaths.photo(module, recordId) : null;
  const status = usePhoto(src, version);
  if (name === undefined) return <Skeleton variant="circular" width={SIZE} height={SIZE} />;
  const shown = status === 'shown';
  return (
    <Box sx={{ position: 'relative', flex: 'none' }}>
      <Avatar
        {...(shown && src
          ? { src: `${src}?v=${version}`, alt: words.alt(name) }
          : { 'aria-hidden': true })}
        sx={{ width: SIZE, height: SIZE, bgcolor: 'primary.main' }}
      >
        {initialsOf(name)}
      </Avatar>
      {hasPhotoField && (
        <IconButton
          size="small"
          aria-label={words.menu(name)}
          aria-haspopup="menu"
          // Open while its menu is, and while an upload or removal is on its way.
          disabled={menuAnchor !== null}
          onClick={(event) => setMenuAnchor(event.currentTarget)}
          sx={{
            position: 'absolute',
            right: -10,
            bottom: -10,
            bgcolor: 'background.paper',
            boxShadow: 1,
            '&:hover': { bgcolor: 'background.paper' },
          }}
        >
          <PhotoIcon fontSize="small" />
        </IconButton>
      )}
      {menuAnchor && (
        <Suspense fallback={null}>
          <PhotoMenu
            module={module}
            recordId={recordId}
            name={name}
            hasPhoto={shown}
            anchor={menuAnchor}
            onDone={(done, hasPhotoNow) => {
              setMenuAnchor(null);
              if (!done) return;
              setNotice(done);
              if (hasPhotoNow === undefined) return;
              setChanged(hasPhotoNow);
              setVersion((v) => v + 1);
            }}
          />
        </Suspense>
      )}
      <NoticeSnackbar notice={notice} onClose={() => setNotice(null)} />
    </Box>
  );
}

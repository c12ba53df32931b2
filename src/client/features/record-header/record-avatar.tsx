import { Avatar, Skeleton } from '@mui/material';

interface RecordAvatarProps {
  /** The record's name, or undefined while it loads. */
  name: string | undefined;
  /** Whether the module can carry a photo (Contacts, Accounts and Products in Bigin). */
  hasPhotoField: boolean;
}

const SIZE = 56;

/**
 * The record's picture: for now its initials. This is where the record's photo goes
 * (`GET apiPaths.photo(...)` when `hasPhotoField`), falling back to the initials when the
 * record has none. The name sits beside it, so the picture is decoration for screen readers.
 */
export function RecordAvatar({ name, hasPhotoField: _hasPhotoField }: RecordAvatarProps) {
  if (name === undefined) return <Skeleton variant="circular" width={SIZE} height={SIZE} />;
  return (
    <Avatar aria-hidden sx={{ width: SIZE, height: SIZE, bgcolor: 'primary.main' }}>
      {initialsOf(name)}
    </Avatar>
  );
}

/** "Patricia Boyle" -> "PB"; "Zylker" -> "Z". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words.slice(0, 1);
  return letters.map((w) => Array.from(w)[0]!.toUpperCase()).join('');
}

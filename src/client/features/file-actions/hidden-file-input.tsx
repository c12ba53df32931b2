import type { RefObject } from 'react';

/** The file chooser a button opens: several files at once; the same file chosen again is a new upload. */
export function HiddenFileInput({
  inputRef,
  onFiles,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  onFiles: (files: File[]) => void;
}) {
  return (
    <input
      ref={inputRef}
      type="file"
      multiple
      hidden
      aria-hidden
      tabIndex={-1}
      onChange={(event) => {
        onFiles(Array.from(event.target.files ?? []));
        event.target.value = '';
      }}
    />
  );
}

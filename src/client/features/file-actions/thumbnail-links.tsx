import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useMemo, type ComponentProps, type ReactNode } from 'react';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { FileNameCell } from '../attachments/attachment-columns.tsx';
import { hasThumbnail } from '../attachments/preview-kind.ts';
import { previewLinksQuery, previewSource, useKept } from './preview-links.ts';

/** A row's thumbnail address, once minted; '' while it is on its way. */
const ThumbnailOf = createContext<(row: Attachment) => string>(() => '');

/**
 * Mints, in one call, the preview links of the image rows the grid shows now (a grid page: at
 * most 100 rows), and hands them to the name cells. The grid's columns stay the same objects
 * whatever the links are, so a new link changes no column.
 */
export function ThumbnailLinks({
  module,
  recordId,
  rows,
  children,
}: {
  module: string;
  recordId: string;
  rows: readonly Attachment[];
  children: ReactNode;
}) {
  const ids = useMemo(() => rows.filter(hasThumbnail).map((row) => row.id), [rows]);
  const links = useQuery(previewLinksQuery(module, recordId, ids));
  const thumbnailOf = useMemo(
    () => (row: Attachment) => previewSource(links.data, module, recordId, row.id) ?? '',
    [links.data, module, recordId],
  );
  return <ThumbnailOf.Provider value={thumbnailOf}>{children}</ThumbnailOf.Provider>;
}

/**
 * The name cell, with an image row's thumbnail from its preview link: the first address it was
 * given is kept, so a link minted anew does not load the picture again. Until one is in, the
 * thumbnail's place is held (an image with no address yet), so nothing moves when it arrives.
 */
export function ThumbnailNameCell(props: Omit<ComponentProps<typeof FileNameCell>, 'thumbnail'>) {
  const thumbnailOf = useContext(ThumbnailOf);
  const kept = useKept(thumbnailOf(props.row) || undefined);
  return (
    <FileNameCell {...props} {...(hasThumbnail(props.row) ? { thumbnail: kept ?? '' } : {})} />
  );
}

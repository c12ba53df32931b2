import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { attachmentName } from './column-text.ts';
import { fileTypeOf } from './file-kind.ts';
import type { FileType, GridSort, SortableField } from './grid-view-state.ts';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** An instant, or -1 for a time Bigin did not send (first in ascending order). */
const instant = (time: string | null | undefined) => (time ? Date.parse(time) : -1);

const sortKey: Record<SortableField, (a: Attachment) => string | number> = {
  File_Name: attachmentName,
  // Sorted by bytes, not by the human-readable text; an unknown size as none.
  Size: (a) => Number(a.Size ?? -1),
  Owner: (a) => a.Owner?.name ?? '',
  Created_By: (a) => a.Created_By?.name ?? '',
  Modified_By: (a) => a.Modified_By?.name ?? '',
  // Bigin writes each timestamp with the user's offset: compare instants, not text.
  Created_Time: (a) => instant(a.Created_Time),
  Modified_Time: (a) => instant(a.Modified_Time),
};

/** Folds case and accents so that "resume" finds "Résumé". */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();

/**
 * The quick search, the type filter and the sort, over the rows the browser holds: Bigin's API
 * has no search, filter or sort parameter for attachments, so the grid loads every page of the
 * record first (use-attachment-pages.ts) when the view asks for any of them.
 */
export function viewRows(
  rows: readonly Attachment[],
  search: string,
  sort: GridSort | null,
  type: FileType | null = null,
): Attachment[] {
  const words = fold(search).split(/\s+/).filter(Boolean);
  const ofType = type ? rows.filter((a) => fileTypeOf(a) === type) : rows;
  const matched = words.length
    ? ofType.filter((a) => {
        const haystack = fold(
          [
            attachmentName(a),
            a.Owner?.name,
            a.Created_By?.name,
            a.Modified_By?.name,
            a.$link_url,
          ].join(' '),
        );
        return words.every((w) => haystack.includes(w));
      })
    : [...ofType];
  if (!sort) return matched;
  const key = sortKey[sort.field];
  const sign = sort.direction === 'asc' ? 1 : -1;
  return matched.sort((x, y) => {
    const a = key(x);
    const b = key(y);
    const order =
      typeof a === 'number' && typeof b === 'number'
        ? a - b
        : collator.compare(String(a), String(b));
    return sign * order;
  });
}

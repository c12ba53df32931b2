import type { Attachment, UserRef } from '../../../shared/bigin-attachment.ts';
import { NARROW_TABLE } from '../../app/record-page-geometry.ts';
import { HIDEABLE_FIELDS, type GridViewState } from './grid-view-state.ts';

/** The user's choice of columns, kept in this browser for every record. */
export const COLUMN_CHOICE_KEY = 'bigin-attachments.hidden-columns';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    // Storage can be switched off (privacy settings, sandboxed iframes): then nothing is kept.
    return undefined;
  }
}

/** The columns the user last chose to hide, or null if they never chose. */
export function rememberedHiddenColumns(): string[] | null {
  try {
    const raw = storage()?.getItem(COLUMN_CHOICE_KEY);
    if (raw == null) return null;
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return null;
    return parsed.filter(
      (f, i, all): f is string => HIDEABLE_FIELDS.includes(f as string) && all.indexOf(f) === i,
    );
  } catch {
    return null;
  }
}

export function rememberHiddenColumns(hidden: readonly string[]): void {
  try {
    storage()?.setItem(COLUMN_CHOICE_KEY, JSON.stringify(hidden));
  } catch {
    // Full or switched off: the choice holds for this page only.
  }
}

const samePerson = (a: UserRef | null | undefined, b: UserRef | null | undefined) =>
  Boolean(a && b && (a.id && b.id ? a.id === b.id : a.name === b.name));

/**
 * Created by and Modified by say nothing the Owner column does not when, on every row held, they
 * name the owner (most records: whoever attaches a file owns it): then they are hidden, and the
 * file name has their room. A table narrower than NARROW_TABLE.below (a widget, a small window)
 * also leaves out the columns it names, so that the row's actions stay in view.
 */
export function defaultHiddenColumns(rows: readonly Attachment[], width: number): string[] {
  const same = (['Created_By', 'Modified_By'] as const).filter(
    (field) => rows.length > 0 && rows.every((row) => samePerson(row[field], row.Owner)),
  );
  return width < NARROW_TABLE.below ? [...new Set([...same, ...NARROW_TABLE.hides])] : same;
}

/**
 * The columns hidden in a table `width` pixels wide: as the URL says, else as the user last
 * chose (on any record), else the default.
 */
export const hiddenColumns = (
  view: Pick<GridViewState, 'hidden'>,
  rows: readonly Attachment[],
  width: number,
  remembered = rememberedHiddenColumns(),
): string[] => view.hidden ?? remembered ?? defaultHiddenColumns(rows, width);

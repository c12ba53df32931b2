import type { SortableField } from '../features/attachments/grid-view-state.ts';

/**
 * The record page's sizes, in CSS pixels unless said: drawn by the React components (the layout,
 * the record header, the file toolbar, the grid) and, before any of them has loaded, by the first
 * frame (first-paint.ts and first-paint.css, through the custom properties first-paint-theme.ts
 * makes of them at build time). One number for both, so that nothing moves when the app takes
 * the page over. A size per breakpoint names the theme's breakpoints, as MUI's `sx` does.
 */

export type Breakpoint = 'xs' | 'sm' | 'md' | 'lg' | 'xl';
/** One size, or one per breakpoint from `xs` up. */
export type Responsive<T = number> = T | ({ xs: T } & Partial<Record<Breakpoint, T>>);

export const px = (n: number) => `${n}px`;
/** A size as MUI's `sx` takes it: numbers in pixels (bare numbers would be spacing units). */
export const sxPx = (size: Responsive): Responsive<string> =>
  typeof size === 'number'
    ? px(size)
    : (Object.fromEntries(Object.entries(size).map(([k, v]) => [k, px(v)])) as Responsive<string>);

/** The page under the app bar (MUI's Container); the app bar's gutters line up with it. */
export const PAGE = {
  /** The theme's breakpoint the page grows to at most. */
  maxWidth: 'xl',
  paddingY: 24,
  gutter: { xs: 16, sm: 24 },
  /** Between the record header and the attachments. */
  gap: 16,
  /** Around the words that say the page is loading. */
  loadingPadding: 24,
} as const;

/** The record's header: a back button above the photo, module, name and id. */
export const RECORD_HEADER = {
  /** Between the back button and the record. */
  gap: 8,
  photoSize: 56,
  /** Between the photo and the words. */
  photoGap: 16,
  /** The module's name above the record's (a ratio of its type size). */
  overlineLineHeight: 1.5,
} as const;

/**
 * The app's small buttons (MUI's, as the theme sizes them): the back button and the file
 * toolbar's. The room around the words counts the outlined buttons' border; the words' width
 * decides where a narrow screen wraps the toolbar.
 */
export const SMALL_BUTTON = {
  fontSize: '0.8125rem',
  minWidth: 64,
  paddingY: 4,
  paddingX: { text: 5, filled: 10 },
} as const;

/** The file toolbar, the status line below it and the grid below that. */
export const FILE_TOOLBAR = {
  /** Between buttons, across and down when they wrap. */
  gap: 8,
  statusLineHeight: 36,
  /** Between the toolbar, the status line and the grid. */
  stackGap: 8,
} as const;

/** A fixed height lets the grid render only the rows in view: 100 rows show as fast as 25. */
export const GRID_HEIGHT = { xs: 560, md: 'max(480px, calc(100vh - 300px))' } as const;
export const ROW_HEIGHT = 52;
export const COLUMN_HEADER_HEIGHT = 56;
/** The grid's own toolbar (its label, search and column buttons): height, padding, label's margin. */
export const GRID_TOOLBAR = { height: 52, padding: 6, labelMarginX: 4 } as const;
/** Each cell's and column header's padding on either side. */
export const CELL_PADDING_X = 10;
/** A file name's cell: its type's icon, or an image's thumbnail, then the name. */
export const NAME_CELL = { iconSize: 20, thumbnailSize: 28, gap: 8 } as const;

/** Each data column's width: fixed, or a share of the room left (never below its minimum). */
export const COLUMN_SIZES: Record<
  SortableField,
  { width: number } | { flex: number; minWidth: number }
> = {
  File_Name: { flex: 2, minWidth: 220 },
  Size: { width: 100 },
  Owner: { flex: 1, minWidth: 115 },
  Created_By: { flex: 1, minWidth: 115 },
  Created_Time: { width: 180 },
  Modified_By: { flex: 1, minWidth: 115 },
  Modified_Time: { width: 180 },
};
/** The selection checkboxes (the grid's own width for them, first) and the row actions (last). */
export const CHECKBOX_COLUMN_WIDTH = 50;
export const ACTIONS_COLUMN_WIDTH = 132;

/**
 * Below `below` pixels of the grid's own width (a phone, a narrow widget), rows are a list: the
 * checkbox, the name with its size and date on a line under it, and one button for the row's
 * actions. A row holds the two lines.
 */
export const LIST_LAYOUT = { below: 700, rowHeight: 64, actionsWidth: 56 } as const;

/**
 * Below `below` pixels, a table cannot show every column with the actions still in view (their
 * widths add up to about 980): unless the user chose otherwise, it leaves out `hides`.
 */
export const NARROW_TABLE = {
  below: 1000,
  hides: ['Owner', 'Created_Time'] as SortableField[],
} as const;

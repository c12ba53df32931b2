import type { SortableField } from './grid-view-state.ts';

/**
 * The grid's geometry, shared by the grid and by the first rows shown before it, so that the
 * rows do not move when the grid takes over.
 */

/** A fixed height lets the grid render only the rows in view: 100 rows show as fast as 25. */
export const GRID_HEIGHT = { xs: 560, md: 'max(480px, calc(100vh - 300px))' } as const;
export const ROW_HEIGHT = 52;
export const COLUMN_HEADER_HEIGHT = 56;

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
/** The selection checkboxes (the grid's own width for them) and the row actions. */
export const CHECKBOX_COLUMN_WIDTH = 50;
export const ACTIONS_COLUMN_WIDTH = 132;

import type { Plugin } from 'vite';

const GRID_ROOT_STYLES =
  /[\\/]@mui[\\/]x-data-grid[\\/]components[\\/]containers[\\/]GridRootStyles\.mjs$/;

/** The grid's read of whether its top-right corner is rounded: a store subscription. */
const CORNER_SUBSCRIPTION =
  'const shouldShowBorderTopRightRadius = useGridSelector(apiRef, shouldShowBorderTopRightRadiusSelector);';

/**
 * The data grid's root styles with the top-right corner of a grid without a toolbar never
 * rounded. That one value is read from the grid's dimensions, and it turns from true to false
 * once the grid has measured itself: its root, whose styles are some 175 rules (34 kB of CSS),
 * then renders again under a new class, serialised, parsed and inserted a second time, and the
 * browser restyles the whole grid under it. It styles only `.MuiDataGrid-root--noToolbar`, and the
 * app's grid always shows its toolbar (attachments-grid.tsx), so the value is fixed at the one
 * the measured grid takes, and the subscription is gone. The build fails if the grid's code no
 * longer reads it so: this is then to be looked at again.
 */
export function fixGridCorner(code: string): string {
  if (!code.includes(CORNER_SUBSCRIPTION)) {
    throw new Error(
      'GridRootStyles.mjs no longer reads shouldShowBorderTopRightRadius as grid-root-styles.ts expects',
    );
  }
  // On the same line: the source maps written beside the bundle stay true.
  return code.replace(CORNER_SUBSCRIPTION, 'const shouldShowBorderTopRightRadius = false;');
}

/** The build's side of fixGridCorner (the dev server keeps the grid's own code). */
export function gridRootStyles(): Plugin {
  return {
    name: 'grid-root-styles',
    apply: 'build',
    transform(code, id) {
      return GRID_ROOT_STYLES.test(id) ? { code: fixGridCorner(code), map: null } : undefined;
    },
  };
}

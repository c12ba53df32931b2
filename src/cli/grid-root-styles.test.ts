import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixGridCorner } from './grid-root-styles.ts';

/** The grid's root styles as installed: what the build transforms. */
const installed = readFileSync(
  path.join(
    path.dirname(createRequire(import.meta.url).resolve('@mui/x-data-grid/package.json')),
    'components/containers/GridRootStyles.mjs',
  ),
  'utf8',
);

describe('fixGridCorner', () => {
  it("fixes the grid's corner without a toolbar, so its root's styles do not change once measured", () => {
    const fixed = fixGridCorner(installed);
    expect(fixed).not.toContain('useGridSelector(apiRef, shouldShowBorderTopRightRadiusSelector)');
    expect(fixed).toContain('const shouldShowBorderTopRightRadius = false;');
    // Line for line: the source maps stay true.
    expect(fixed.split('\n')).toHaveLength(installed.split('\n').length);
  });

  it("fails the build when the grid's code reads the corner some other way", () => {
    expect(() => fixGridCorner('const shouldShowBorderTopRightRadius = true;')).toThrow(
      /no longer reads shouldShowBorderTopRightRadius/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { isControlsModule, isFrameworkModule, isGridCoreModule } from './framework-chunk.ts';

const nm = (path: string) => `/app/node_modules/${path}`;

describe('isFrameworkModule', () => {
  it('takes what every page runs on', () => {
    for (const path of [
      'react/cjs/react.production.js',
      'react-dom/cjs/react-dom-client.production.js',
      'react-router/dist/production/index.mjs',
      '@tanstack/query-core/build/modern/queryClient.js',
      '@tanstack/react-query/build/modern/useQuery.js',
      '@emotion/cache/dist/emotion-cache.browser.esm.js',
      '@mui/system/cssVars/createCssVarsProvider.mjs',
      '@mui/material/styles/createThemeWithVars.mjs',
      '@mui/material/ButtonBase/ButtonBase.mjs',
      '@mui/material/Typography/Typography.mjs',
    ])
      expect(isFrameworkModule(nm(path)), path).toBe(true);
  });

  it('leaves out what only some pages need, and what the first frame imports', () => {
    for (const path of [
      '@mui/x-data-grid/hooks/features/rows/useGridRows.mjs',
      '@mui/material/Autocomplete/Autocomplete.mjs',
      '@mui/material/Popover/Popover.mjs',
      '@mui/material/ButtonGroup/ButtonGroupContext.mjs',
      '@tanstack/react-query/build/modern/queryOptions.js',
      'zod/v4/core/schemas.js',
      'react-dom-extra/index.js',
    ])
      expect(isFrameworkModule(nm(path)), path).toBe(false);
    expect(isFrameworkModule('/app/src/client/app/start.tsx')).toBe(false);
  });
});

describe('isControlsModule', () => {
  it('takes the controls the record page draws at first and home holds too', () => {
    for (const path of [
      '@mui/material/TextField/TextField.mjs',
      '@mui/material/Select/SelectInput.mjs',
      '@mui/material/Menu/Menu.mjs',
      '@mui/material/Modal/ModalManager.mjs',
      '@mui/material/Input/Input.mjs',
      '@mui/material/List/List.mjs',
    ])
      expect(isControlsModule(nm(path)), path).toBe(true);
  });

  it('leaves out what loads when first opened, and what another chunk takes', () => {
    for (const path of [
      '@mui/material/Autocomplete/Autocomplete.mjs',
      '@mui/material/Popper/BasePopper.mjs',
      '@mui/material/Dialog/Dialog.mjs',
      '@mui/material/InputBaseExtra/index.mjs',
      '@mui/material/ListSubheader/ListSubheader.mjs',
      '@mui/material/Button/Button.mjs',
    ])
      expect(isControlsModule(nm(path)), path).toBe(false);
  });
});

describe('isGridCoreModule', () => {
  it("takes the grid's selectors and the hooks that read them", () => {
    for (const path of [
      '@mui/x-data-grid/hooks/utils/useGridSelector.mjs',
      '@mui/x-data-grid/hooks/features/sorting/gridSortingSelector.mjs',
      '@mui/x-data-grid/hooks/features/rows/gridRowsUtils.mjs',
      '@base-ui/utils/store/createSelector.mjs',
      'reselect/dist/reselect.mjs',
    ])
      expect(isGridCoreModule(nm(path)), path).toBe(true);
  });

  it('leaves out modules that import the column types (which load parts lazily)', () => {
    for (const path of [
      '@mui/x-data-grid/hooks/features/columns/gridColumnsUtils.mjs',
      '@mui/x-data-grid/colDef/gridStringColDef.mjs',
      '@mui/x-data-grid/material/index.mjs',
      '@mui/x-data-grid/hooks/utils/useGridSelectorV8.mjs',
    ])
      expect(isGridCoreModule(nm(path)), path).toBe(false);
  });
});

import type { Plugin } from 'vite';

/**
 * The framework every page of the app runs on, to be bundled as one chunk: React and React DOM,
 * the router, TanStack Query, Emotion, MUI's styling system and its core (themes, ButtonBase,
 * Button, IconButton, Typography, Box, SvgIcon). Left to itself, the bundler puts each part the
 * app shell (app/start.tsx) shares with a lazily loaded page in a chunk of its own (a dozen),
 * though the shell, and so all of them, loads before any page: apart, they cost a request each
 * and compress worse (measured with the deep link's first visit: about 10 kB less brotli together,
 * home about 7 kB).
 *
 * TanStack Query's `queryOptions` stays out: the first frame's fetch (main.ts, before any of the
 * framework) imports it from beside its query, and what the entry imports must stay in the
 * entry's own chunk (entryImportsNothing checks it).
 */
export const isFrameworkModule = (id: string): boolean =>
  FRAMEWORK.test(id) && !/[\\/]@tanstack[\\/]react-query[\\/].*[\\/]queryOptions\.js$/.test(id);

const FRAMEWORK = new RegExp(
  String.raw`[\\/]node_modules[\\/](` +
    [
      'react',
      'react-dom',
      'react-is',
      'scheduler',
      'react-router',
      '@tanstack',
      '@emotion',
      'stylis',
      'clsx',
      'prop-types',
      'hoist-non-react-statics',
      String.raw`@babel[\\/]runtime`,
      String.raw`@mui[\\/](system|styled-engine|utils|private-theming)`,
      String.raw`@mui[\\/]material[\\/](styles|utils|internal|zero-styled|GlobalStyles|ButtonBase|Button|IconButton|Typography|Box|SvgIcon)`,
    ].join('|') +
    String.raw`)[\\/]`,
);

/**
 * The MUI controls a deep link's first load draws or must hold, and home holds too, to be bundled
 * as one chunk: the text field and the select (the grid's search, its page size; the pickers) with
 * the menu, popover and modal a select opens, the alert, avatar, link and toolbar of the page
 * around the grid. Left to itself, the bundler cuts them into half a dozen chunks by which lazy
 * part shares which, each a request of its own on the deep link's first visit (measured there:
 * about 7 kB less brotli as one chunk, and home's JavaScript no larger).
 */
export const isControlsModule = (id: string): boolean => CONTROLS.test(id);

const CONTROLS = new RegExp(
  String.raw`[\\/]node_modules[\\/]@mui[\\/]material[\\/](` +
    [
      'Alert',
      'AlertTitle',
      'Avatar',
      'Backdrop',
      'Divider',
      'Fade',
      'FilledInput',
      'FormControl',
      'FormHelperText',
      'FormLabel',
      'Grow',
      'Input',
      'InputAdornment',
      'InputBase',
      'InputLabel',
      'Link',
      'List',
      'ListItemIcon',
      'ListItemText',
      'Menu',
      'MenuItem',
      'MenuList',
      'Modal',
      'NativeSelect',
      'OutlinedInput',
      'Paper',
      'Popover',
      'Portal',
      'Select',
      'Stack',
      'TextField',
      'TextareaAutosize',
      'Toolbar',
      'Unstable_TrapFocus',
    ].join('|') +
    String.raw`)[\\/]`,
);

/**
 * The data grid's selectors and the hooks that read them, which the grid and each of its parts
 * that load when first shown (lazy-imports.ts) share, as one chunk: left to itself, the bundler
 * cuts them into four small ones on the deep link's first visit (measured there: about 2 kB less
 * brotli as one). Only modules that import nothing lazily loaded: a captured module brings its
 * own imports along, and those must not reach the first frame's modules.
 */
export const isGridCoreModule = (id: string): boolean => GRID_CORE.test(id);

const GRID_FEATURES = String.raw`hooks[\\/]features[\\/]`;
const GRID_CORE = new RegExp(
  String.raw`[\\/]node_modules[\\/](` +
    [
      String.raw`@base-ui[\\/]utils[\\/](store[\\/]|fastObjectShallowCompare|formatErrorMessage)`,
      String.raw`reselect[\\/]`,
      String.raw`@mui[\\/]x-internals[\\/]formatErrorMessage[\\/]`,
      String.raw`@mui[\\/]x-data-grid[\\/]hooks[\\/]utils[\\/](useGridSelector|useGridRootProps)\.`,
      String.raw`@mui[\\/]x-data-grid[\\/]utils[\\/]createSelector\.`,
      String.raw`@mui[\\/]x-data-grid[\\/]context[\\/]GridRootPropsContext\.`,
      String.raw`@mui[\\/]x-data-grid[\\/]${GRID_FEATURES}(columns[\\/]gridColumns(Selector|Interfaces)|listView[\\/]gridListViewSelectors|rows[\\/]gridRows(Selector|Utils)|sorting[\\/]gridSortingSelector)\.`,
    ].join('|') +
    ')',
);

/**
 * Fails the build when the entry's chunk (main.ts: a deep link's first frame, painted before any
 * of the app's code has loaded) imports another chunk: the frame would then wait for it, whatever
 * it holds.
 */
export function entryImportsNothing(): Plugin {
  return {
    name: 'entry-imports-nothing',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.isEntry && chunk.imports.length > 0) {
          this.error(
            `${chunk.fileName} (the first frame) imports ${chunk.imports.join(', ')}: ` +
              'a module it imports is in a shared chunk (see framework-chunk.ts)',
          );
        }
      }
    },
  };
}

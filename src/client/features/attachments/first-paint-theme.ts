import type { CssVarsTheme, Theme } from '@mui/material/styles';
import {
  CELL_PADDING_X,
  COLUMN_HEADER_HEIGHT,
  FILE_TOOLBAR,
  GRID_HEIGHT,
  GRID_TOOLBAR,
  LIST_LAYOUT,
  NAME_CELL,
  PAGE,
  px,
  RECORD_HEADER,
  ROW_HEIGHT,
  SMALL_BUTTON,
  sxPx,
  type Responsive,
} from '../../app/record-page-geometry.ts';

/**
 * The first frame's theme as CSS, made at build time (vite.config.ts) from the app's MUI theme and
 * the record page's geometry, so that the frame (first-paint.css) copies neither a colour nor a
 * size by hand:
 * - the theme's CSS variables that first-paint.css reads (`var(--mui-palette-...)`), with MUI's
 *   own values for light and dark, and those they refer to;
 * - the geometry as `--first-paint-*` properties, per breakpoint of the theme where it varies;
 * - the app bar's height (the theme's toolbar mixin) and the type styles the frame draws in,
 *   as `.first-paint-type-<variant>`.
 * All of it is scoped to the page while it shows the frame, and gone with it, but the app bar's
 * rules: the app's layout draws its bar with them too.
 */
export function firstPaintThemeCss(theme: Theme, frameCss: string): string {
  return [
    ...themeVariables(theme, frameCss),
    ...geometry(theme),
    rule('.first-paint-bar', theme.mixins.toolbar),
    // Not scoped to the frame: the app's layout draws its bar with these rules too.
    ...barGutters(theme),
    ...TYPE_VARIANTS.map((variant) =>
      rule(`.first-paint-type-${variant}`, theme.typography[variant]),
    ),
  ].join('\n');
}

/** The app bar's gutters, per breakpoint: the page's, so that the bar lines up with it. */
function barGutters(theme: Theme): string[] {
  const gutter: Responsive = PAGE.gutter;
  const sizes: [string, number][] =
    typeof gutter === 'number' ? [['xs', gutter]] : Object.entries(gutter);
  return sizes.map(([breakpoint, size]) =>
    rule(
      '.first-paint-bar',
      { paddingInline: px(size) },
      breakpoint === 'xs' ? [] : [theme.breakpoints.up(breakpoint as 'sm')],
    ),
  );
}

/** The page while it shows the first frame. */
const FRAME = 'body:has(.first-paint-main)';
/** The theme's type styles the frame draws with. */
const TYPE_VARIANTS = ['body1', 'body2', 'h5', 'h6', 'overline', 'caption', 'button'] as const;

/** The theme's variables that `frameCss` reads, each where MUI defines it (light, dark). */
function themeVariables(theme: Theme, frameCss: string): string[] {
  const withVars = theme as Theme &
    Partial<Pick<CssVarsTheme, 'generateStyleSheets' | 'rootSelector'>>;
  if (!withVars.generateStyleSheets || !withVars.rootSelector) {
    throw new Error('The first frame reads the theme as CSS variables: `cssVariables: true`');
  }
  const { rootSelector } = withVars;
  const blocks = [...declarationBlocks(withVars.generateStyleSheets(), [])];
  const wanted = new Set(references(frameCss));
  // A variable's value may name another (the dark app bar's names the paper's colour); a set
  // goes on to the names added while it is gone through.
  const all = blocks.flatMap((block) => block.declarations);
  for (const wantedName of wanted)
    for (const [name, value] of all)
      if (name === wantedName) for (const ref of references(value)) wanted.add(ref);
  return blocks.flatMap(({ selector, media, declarations }) => {
    const kept = declarations.filter(([name]) => wanted.has(name));
    if (kept.length === 0) return [];
    const scope = selector === rootSelector ? FRAME : `${selector} ${FRAME}`;
    return [wrap(media, `${scope}{${kept.map(([n, v]) => `${n}:${v}`).join(';')}}`)];
  });
}

const references = (css: string) => Array.from(css.matchAll(/var\((--mui-[\w-]+)/g), (m) => m[1]!);

/** MUI's style sheets: `{ selector: { --name: value } }`, perhaps inside `@media` queries. */
function* declarationBlocks(
  sheets: object[],
  media: string[],
): Generator<{ selector: string; media: string[]; declarations: [string, string][] }> {
  for (const sheet of sheets)
    for (const [key, value] of Object.entries(sheet)) {
      if (typeof value !== 'object' || value === null) continue;
      if (key.startsWith('@')) yield* declarationBlocks([value], [...media, key]);
      else {
        const declarations = Object.entries(value).filter(
          (entry): entry is [string, string] =>
            entry[0].startsWith('--') && typeof entry[1] === 'string',
        );
        yield { selector: key, media, declarations };
      }
    }
}

/** The record page's geometry as `--first-paint-<name>`, per breakpoint where it varies. */
function geometry(theme: Theme): string[] {
  const sizes: Record<string, Responsive<string>> = {
    'page-max-width': px(theme.breakpoints.values[PAGE.maxWidth]),
    'page-padding-y': px(PAGE.paddingY),
    gutter: sxPx(PAGE.gutter),
    'page-gap': px(PAGE.gap),
    'loading-padding': px(PAGE.loadingPadding),
    'header-gap': px(RECORD_HEADER.gap),
    'photo-size': px(RECORD_HEADER.photoSize),
    'photo-gap': px(RECORD_HEADER.photoGap),
    'overline-line-height': String(RECORD_HEADER.overlineLineHeight),
    'button-font-size': SMALL_BUTTON.fontSize,
    'button-min-width': px(SMALL_BUTTON.minWidth),
    'button-padding-y': px(SMALL_BUTTON.paddingY),
    'button-padding-x': px(SMALL_BUTTON.paddingX.filled),
    'text-button-padding-x': px(SMALL_BUTTON.paddingX.text),
    'toolbar-gap': px(FILE_TOOLBAR.gap),
    'status-line-height': px(FILE_TOOLBAR.statusLineHeight),
    'files-gap': px(FILE_TOOLBAR.stackGap),
    'grid-height': { xs: px(GRID_HEIGHT.xs), md: GRID_HEIGHT.md },
    'grid-toolbar-height': px(GRID_TOOLBAR.height),
    'grid-label-inset': px(GRID_TOOLBAR.padding + GRID_TOOLBAR.labelMarginX),
    'row-height': px(ROW_HEIGHT),
    'list-row-height': px(LIST_LAYOUT.rowHeight),
    'header-height': px(COLUMN_HEADER_HEIGHT),
    'cell-padding-x': px(CELL_PADDING_X),
    'name-indent': px(CELL_PADDING_X + NAME_CELL.iconSize + NAME_CELL.gap),
    'name-indent-thumbnail': px(CELL_PADDING_X + NAME_CELL.thumbnailSize + NAME_CELL.gap),
    'font-weight-medium': String(theme.typography.fontWeightMedium),
  };
  return theme.breakpoints.keys.flatMap((breakpoint) => {
    const declarations = Object.entries(sizes).flatMap(([name, size]) => {
      const value =
        typeof size === 'string' ? (breakpoint === 'xs' ? size : undefined) : size[breakpoint];
      return value === undefined ? [] : [`--first-paint-${name}:${value}`];
    });
    if (declarations.length === 0) return [];
    const media = breakpoint === 'xs' ? [] : [theme.breakpoints.up(breakpoint)];
    return [wrap(media, `${FRAME}{${declarations.join(';')}}`)];
  });
}

/** A style object of MUI's (properties, perhaps `@media` queries holding more) as CSS rules. */
function rule(selector: string, style: object, media: string[] = []): string {
  const declarations: string[] = [];
  const nested: string[] = [];
  for (const [key, value] of Object.entries(style) as [string, unknown][]) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'object') {
      if (key.startsWith('@')) nested.push(rule(selector, value, [...media, key]));
      continue;
    }
    const property = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const unitless = property === 'line-height' || property === 'font-weight';
    declarations.push(
      `${property}:${typeof value === 'number' && !unitless ? px(value) : String(value)}`,
    );
  }
  const own = declarations.length ? wrap(media, `${selector}{${declarations.join(';')}}`) : '';
  return [own, ...nested].filter(Boolean).join('\n');
}

const wrap = (media: string[], css: string) =>
  media.reduceRight((inner, query) => `${query}{${inner}}`, css);

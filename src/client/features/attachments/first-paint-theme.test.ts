import type { CssVarsTheme, Theme } from '@mui/material/styles';
import { describe, expect, it } from 'vitest';
import { PAGE, ROW_HEIGHT } from '../../app/record-page-geometry.ts';
import { theme } from '../../app/theme.ts';
import frameCss from './first-paint.css?raw';
import { firstPaintThemeCss } from './first-paint-theme.ts';

const css = firstPaintThemeCss(theme, frameCss);
/** The declarations of each block, by the `@media` queries around it ('' for none). */
const blocks = (text: string) =>
  Array.from(text.matchAll(/^((?:@media[^{]*\{)*)[^@{]*\{([^}]*)\}/gm), (m) => ({
    media: m[1]!,
    declarations: m[2]!,
  }));
const valueOf = (name: string, media = '') =>
  blocks(css)
    .filter((block) => block.media === media)
    .map((block) => new RegExp(`${name}:([^;]*)`).exec(block.declarations)?.[1])
    .find((value) => value !== undefined);

describe('firstPaintThemeCss', () => {
  it('defines every variable first-paint.css reads (but the tracks, which follow the view)', () => {
    const read = new Set(Array.from(frameCss.matchAll(/var\((--[\w-]+)/g), (m) => m[1]!));
    read.delete('--first-paint-tracks');
    expect(read.size).toBeGreaterThan(20);
    for (const name of read) expect(css, name).toContain(`${name}:`);
  });

  it("gives the theme's own colours, light and, as the system asks, dark", () => {
    const { light, dark } = (theme as Theme & Pick<CssVarsTheme, 'colorSchemes'>).colorSchemes;
    expect(valueOf('--mui-palette-background-default')).toBe(light!.palette.background.default);
    expect(valueOf('--mui-palette-primary-main')).toBe(light!.palette.primary.main);
    const darkMedia = '@media (prefers-color-scheme: dark){';
    expect(valueOf('--mui-palette-background-default', darkMedia)).toBe(
      dark!.palette.background.default,
    );
    // The dark app bar's colour names the paper's, which comes along.
    expect(valueOf('--mui-palette-AppBar-darkBg', darkMedia)).toContain(
      'var(--mui-palette-background-paper',
    );
    expect(valueOf('--mui-palette-background-paper', darkMedia)).toBe(
      dark!.palette.background.paper,
    );
  });

  it("gives the record page's sizes, per breakpoint of the theme where they vary", () => {
    expect(valueOf('--first-paint-row-height')).toBe(`${ROW_HEIGHT}px`);
    expect(valueOf('--first-paint-gutter')).toBe(`${PAGE.gutter.xs}px`);
    expect(valueOf('--first-paint-gutter', `${theme.breakpoints.up('sm')}{`)).toBe(
      `${PAGE.gutter.sm}px`,
    );
    expect(valueOf('--first-paint-page-max-width')).toBe(`${theme.breakpoints.values.xl}px`);
  });

  it("draws the app bar at the theme's toolbar height and text in the theme's type", () => {
    expect(css).toContain('.first-paint-bar{min-height:56px}');
    expect(css).toContain(`${theme.breakpoints.up('sm')}{.first-paint-bar{min-height:64px}}`);
    // Unscoped, with the page's gutters: the app's own bar, drawn with these rules once the
    // frame is gone, keeps them.
    expect(css).toContain(`\n.first-paint-bar{padding-inline:${PAGE.gutter.xs}px}`);
    expect(css).toContain(
      `${theme.breakpoints.up('sm')}{.first-paint-bar{padding-inline:${PAGE.gutter.sm}px}}`,
    );
    const h5 = theme.typography.h5;
    expect(css).toContain(
      `.first-paint-type-h5{font-family:${h5.fontFamily};font-weight:${h5.fontWeight};font-size:${h5.fontSize}`,
    );
  });
});

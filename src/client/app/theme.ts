import { createTheme } from '@mui/material/styles';
import { px, SMALL_BUTTON } from './record-page-geometry.ts';

/** A small button's padding: an outlined one's border is part of the room around its words. */
const smallButtonPadding = (paddingX: number, border = 0) =>
  `${px(SMALL_BUTTON.paddingY - border)} ${px(paddingX - border)}`;

/**
 * Follows the system's light or dark mode. Its colours and type are also those of a deep link's
 * first frame, drawn before MUI has loaded (first-paint-theme.ts makes them CSS at build time).
 */
export const theme = createTheme({
  colorSchemes: { light: true, dark: true },
  cssVariables: true,
  components: {
    // MUI marks keyboard focus with a faint ripple only; a solid ring is visible on any
    // background, in light and dark mode alike.
    MuiButtonBase: {
      styleOverrides: {
        root: {
          '&.Mui-focusVisible': { outline: '2px solid currentColor', outlineOffset: 2 },
        },
      },
    },
    // MUI's own small sizes, held to the record page's geometry: the first frame draws the
    // record header's and the file toolbar's buttons from the same numbers.
    MuiButton: {
      styleOverrides: {
        root: {
          variants: [
            {
              props: { size: 'small' },
              style: { minWidth: SMALL_BUTTON.minWidth, fontSize: SMALL_BUTTON.fontSize },
            },
            {
              props: { size: 'small', variant: 'text' },
              style: { padding: smallButtonPadding(SMALL_BUTTON.paddingX.text) },
            },
            {
              props: { size: 'small', variant: 'contained' },
              style: { padding: smallButtonPadding(SMALL_BUTTON.paddingX.filled) },
            },
            {
              props: { size: 'small', variant: 'outlined' },
              style: { padding: smallButtonPadding(SMALL_BUTTON.paddingX.filled, 1) },
            },
          ],
        },
      },
    },
  },
});

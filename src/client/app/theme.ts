import { createTheme } from '@mui/material/styles';

/** Follows the system's light or dark mode. */
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
  },
});

import { createTheme } from '@mui/material/styles';

/** Follows the system's light or dark mode. */
export const theme = createTheme({
  colorSchemes: { light: true, dark: true },
  cssVariables: true,
});

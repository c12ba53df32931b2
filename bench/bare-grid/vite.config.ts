/**
 * The bare grid page's build (`npx vite build --config bench/bare-grid/vite.config.ts --outDir
 * <app build>/assets/bare-grid`), served by the app's own stack under /assets/bare-grid/: React's
 * production build and the data grid, with the grid's root styles built once as the app's build
 * does (grid-root-styles.ts), compressed at build as the app's assets are. The app's lazily loaded
 * grid parts (lazy-imports.ts) are left out: split into some 70 chunks with no groups to gather
 * them, they made this page slower (962 against 617 ms to ready on a first visit, one run each).
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { gridRootStyles } from '../../src/cli/grid-root-styles.ts';
import { precompress } from '../../src/cli/precompress.ts';

export default defineConfig({
  root: import.meta.dirname,
  base: '/assets/bare-grid/',
  plugins: [react(), gridRootStyles(), precompress()],
  build: { emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  logLevel: 'error',
});

/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { theme } from './src/client/app/theme.ts';
import { firstPaintThemeCss } from './src/client/features/attachments/first-paint-theme.ts';
import {
  entryImportsNothing,
  isControlsModule,
  isFrameworkModule,
  isGridCoreModule,
} from './src/cli/framework-chunk.ts';
import { lazyImports } from './src/cli/lazy-imports.ts';
import { gridRootStyles } from './src/cli/grid-root-styles.ts';
import { precompress } from './src/cli/precompress.ts';
import { treeShakeRouter } from './src/cli/tree-shake-router.ts';

/**
 * `virtual:first-paint-theme.css`: the app's theme and the record page's geometry as the CSS a
 * deep link's first frame is drawn with before MUI has loaded (first-paint-theme.ts). Made here,
 * where the theme can run; a change to the theme or the geometry restarts the dev server, a change
 * to first-paint.css (which names the variables it reads) remakes it.
 */
function firstPaintTheme(): Plugin {
  const id = 'virtual:first-paint-theme.css';
  const frameCss = fileURLToPath(
    new URL('src/client/features/attachments/first-paint.css', import.meta.url),
  );
  return {
    name: 'first-paint-theme',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(resolved) {
      if (resolved !== `\0${id}`) return undefined;
      this.addWatchFile(frameCss);
      return firstPaintThemeCss(theme, readFileSync(frameCss, 'utf8'));
    },
  };
}

export default defineConfig(({ command }) => ({
  plugins: [
    react(),
    firstPaintTheme(),
    lazyImports(),
    treeShakeRouter(),
    gridRootStyles(),
    precompress(),
    entryImportsNothing(),
  ],
  resolve: {
    // React Router's package exports name only its development build (with its warnings and
    // checks); the production build it also ships is the one to bundle.
    alias:
      command === 'build'
        ? [
            {
              find: /^react-router$/,
              replacement: fileURLToPath(
                new URL('node_modules/react-router/dist/production/index.mjs', import.meta.url),
              ),
            },
          ]
        : [],
  },
  build: {
    outDir: 'dist',
    // Written beside the bundle for reading a production stack trace, but named nowhere in the
    // shipped JS (no sourceMappingURL comment), and never served: the proxy answers 404 for .map.
    sourcemap: 'hidden',
    // The data grid's chunk is large by itself; what the user downloads is watched by the
    // benchmark instead (npm run bench: budget 375 kB gzip for the deep-link page).
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // The framework every page runs on, one chunk; the controls a deep link's first load
      // shares with home, another; the data grid's selectors, a third (framework-chunk.ts).
      output: {
        codeSplitting: {
          groups: [
            { name: 'framework', test: isFrameworkModule },
            { name: 'controls', test: isControlsModule },
            { name: 'grid-core', test: isGridCoreModule },
          ],
        },
      },
    },
  },
  // During development the proxy (`npm run dev`) serves /api and the sign-in; Vite serves the app
  // with hot reload.
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/auth': 'http://127.0.0.1:8080' },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/{shared,server,sandbox,cli}/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser-dom',
          environment: 'jsdom',
          // first-paint-theme.test.ts reads the variables the first frame's CSS names.
          css: { include: [/first-paint\.css/] },
          include: ['src/client/**/*.test.{ts,tsx}'],
          setupFiles: ['src/client/test/setup.ts'],
        },
      },
    ],
  },
}));

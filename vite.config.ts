/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig(({ command }) => ({
  plugins: [react()],
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
    sourcemap: true,
    // The data grid's chunk is large by itself; what the user downloads is watched by the
    // benchmark instead (npm run bench: budget 375 kB gzip for the deep-link page).
    chunkSizeWarningLimit: 800,
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
          include: ['src/client/**/*.test.{ts,tsx}'],
          setupFiles: ['src/client/test/setup.ts'],
        },
      },
    ],
  },
}));

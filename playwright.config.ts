import { availableParallelism } from 'node:os';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './src/cli/prerequisites/chromium.ts';
import { systemHost } from './src/cli/prerequisites/host.ts';
import { e2eRun } from './e2e/support/run-files.ts';

const { port, sandboxPort, previewPort, distDir, dataDir, outputDir, reportFile } = e2eRun();

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  // A worker's test drives a Chromium of its own (several processes) beside the one server and
  // sandbox: about two cores each. On two cores a second worker finished the suite no sooner
  // (11.1 and 11.0 minutes) and doubled each test's time, taking the longest past 30 s.
  workers: Math.max(1, Math.floor(availableParallelism() / 2)),
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: reportFile }]],
  outputDir,
  projects: [
    { name: 'app', testIgnore: /org-limits\.spec\.ts/ },
    // Spends the sandbox org's shared API credits: only once every other test is done.
    { name: 'org-limits', testMatch: /org-limits\.spec\.ts/, dependencies: ['app'] },
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath: findChromium(systemHost())?.path, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    locale: 'en-US',
    timezoneId: 'UTC',
  },
  // A server started from scratch, as `npm start` starts it, on ports of its own.
  webServer: {
    // Each run builds and keeps data of its own: runs on other ports never share a folder.
    command: [
      `node -e "require('fs').rmSync('${dataDir}', { recursive: true, force: true })"`,
      `npx vite build --logLevel warn --outDir ${distDir} --emptyOutDir`,
      'npx tsx src/server/main.ts',
    ].join(' && '),
    url: `http://127.0.0.1:${port}/`,
    env: {
      PORT: String(port),
      SANDBOX_PORT: String(sandboxPort),
      PREVIEW_PORT: String(previewPort),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      // The specs set the sandbox's faults and limits through its /__sandbox routes.
      SANDBOX_CONTROL_ROUTES: 'true',
      DATA_DIR: dataDir,
      APP_DIST_DIR: distDir,
      // Embedding: the host pages of e2e/embed.spec.ts and e2e/frame-sign-in.spec.ts at
      // localhost (another site than 127.0.0.1), and the sandbox's example host; the secret the
      // embed spec signs its links with.
      EMBED_ALLOWED_ORIGINS: `http://localhost:${port + 5},http://localhost:${port + 7},http://127.0.0.1:${sandboxPort}`,
      EMBED_SECRET: 'e2e-embed-secret-0123456789abcdef0123456789',
      // Warnings and errors only: a line per request would bury the report.
      LOG_LEVEL: 'warn',
    },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
  },
});

/**
 * What the browser benchmarks (client-bench.ts, grid-trace.ts) stand on: a production build of
 * the app, a stack serving it in service mode (every request acts as Patricia Boyle, so no
 * sign-in is timed), and Chromium.
 */
import { spawnSync } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../src/cli/prerequisites/chromium.ts';
import { systemHost } from '../src/cli/prerequisites/host.ts';
import { SELF_CLIENT_REFRESH_TOKENS } from '../src/sandbox/sandbox-client.ts';
import { loadConfig } from '../src/server/config.ts';
import { start, type Started } from '../src/server/start.ts';

/** `npx vite build` into `outDir` of the app, or of the given configuration. */
function viteBuild(outDir: string, config?: string): void {
  const args = ['vite', 'build', '--logLevel', 'error', '--outDir', outDir];
  const built = spawnSync('npx', config ? [...args, '--config', config] : args, {
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error(`vite build ${config ?? ''} failed`);
}

/** The app's production build, into `outDir`. */
export const buildAppInto = (outDir: string): void => viteBuild(outDir);

/**
 * The data grid alone (bench/bare-grid) built into `outDir`, which the benchmarks put under the
 * app's build's assets/ so that the app's stack serves it.
 */
export const buildBareGridInto = (outDir: string): void =>
  viteBuild(outDir, 'bench/bare-grid/vite.config.ts');

/** The app built in `distDir`, on the sandbox, in service mode, its data in `dataDir`. */
export const serveBuild = (distDir: string, dataDir: string): Promise<Started> =>
  start(
    loadConfig({
      PORT: '0',
      SANDBOX_PORT: '0',
      DATA_DIR: dataDir,
      APP_DIST_DIR: distDir,
      ZOHO_REFRESH_TOKEN: SELF_CLIENT_REFRESH_TOKENS['Patricia Boyle'],
    }),
    () => {},
  );

/** Chromium as the browser tests find it, with the flags this machine needs. */
export function launchChromium(): Promise<Browser> {
  const executablePath = findChromium(systemHost())?.path;
  if (!executablePath)
    throw new Error('No Chromium: `npm test` installs one, or set CHROMIUM_PATH');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

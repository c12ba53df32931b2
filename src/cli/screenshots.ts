/**
 * `npm run screenshots`: retakes the README's screenshots (docs/screenshots) by running the
 * browser tests with SCREENSHOTS=1; each screenshot is taken where a test has the screen in the
 * state it shows. `npm test` takes none, so it leaves the tree as it found it.
 */
import { spawnSync } from 'node:child_process';
import { describeBrowser, getChromium } from './prerequisites/chromium.ts';
import { PrerequisiteError, systemHost } from './prerequisites/host.ts';

const host = systemHost();
try {
  const browser = getChromium(host);
  host.log(describeBrowser(host, browser));
  const run = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, CHROMIUM_PATH: browser.path, SCREENSHOTS: '1' },
  });
  process.exit(run.status ?? 1);
} catch (error) {
  if (!(error instanceof PrerequisiteError)) throw error;
  console.error(error.message);
  process.exit(1);
}

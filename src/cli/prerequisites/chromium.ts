import { chromium as playwrightChromium } from '@playwright/test';
import { installDebianPackage, type DebianPackage } from './debian-package.ts';
import { PrerequisiteError, type Host } from './host.ts';

/** The browser a run drives, and where it came from (said in the run's log). */
export interface Browser {
  path: string;
  source: string;
}

/** Where a system-wide Chromium lives: Debian's and Ubuntu's packages, then macOS. */
const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * Debian's own `chromium` is the browser installed when none is found: a full browser kept
 * current by the system's security updates, with the libraries and fonts it needs as package
 * dependencies, and found on the system's path by every later run (and by `npm run bench`).
 * Why not a Chromium from an npm package: see the README ("The browser").
 */
export const DEBIAN_CHROMIUM: DebianPackage = {
  name: 'chromium',
  purpose: 'a Chromium for the browser tests',
  otherwise:
    'Or point CHROMIUM_PATH at a Chromium or Chrome executable (where Playwright can download browsers, `npx playwright install chromium` also does).',
  takes: 'about 2 minutes, once',
};

/**
 * The lookup without installing, in order: CHROMIUM_PATH, the system's Chromium, Playwright's
 * own cache. Undefined when none is there. A CHROMIUM_PATH that names no file is an error, not
 * a reason to take another browser than the one asked for.
 */
export function findChromium(
  host: Host,
  playwrightPath = playwrightCachePath,
): Browser | undefined {
  const asked = host.env.CHROMIUM_PATH;
  if (asked) {
    if (!host.exists(asked)) {
      throw new PrerequisiteError(
        `CHROMIUM_PATH is ${asked}, and there is no file there. Point it at a Chromium executable, or unset it to let the run find or install one.`,
      );
    }
    return { path: asked, source: 'CHROMIUM_PATH' };
  }
  const system =
    SYSTEM_PATHS.find((file) => host.exists(file)) ??
    host.which('chromium') ??
    host.which('chromium-browser');
  if (system) return { path: system, source: "the system's Chromium" };
  const cached = playwrightPath();
  if (cached && host.exists(cached)) return { path: cached, source: "Playwright's browser cache" };
  return undefined;
}

/** The lookup, then Debian's chromium installed when none is found. */
export function getChromium(host: Host, playwrightPath = playwrightCachePath): Browser {
  const found = findChromium(host, playwrightPath);
  if (found) return found;
  host.log("No Chromium found (CHROMIUM_PATH, the system, Playwright's cache).");
  installDebianPackage(host, DEBIAN_CHROMIUM);
  const installed = findChromium(host, playwrightPath);
  if (!installed) {
    throw new PrerequisiteError(
      `apt-get installed chromium, yet no Chromium is at ${SYSTEM_PATHS[0]}. ${DEBIAN_CHROMIUM.otherwise}`,
    );
  }
  return { path: installed.path, source: "Debian's chromium, installed by this run" };
}

/** One line for the run's log: which browser, its version, and where it came from. */
export function describeBrowser(host: Host, browser: Browser): string {
  const version = host.run(browser.path, ['--version']);
  const name = version.ok ? version.output.trim().split('\n')[0] : 'Chromium';
  return `Browser: ${name} at ${browser.path} (${browser.source})`;
}

function playwrightCachePath(): string | undefined {
  try {
    return playwrightChromium.executablePath();
  } catch {
    return undefined;
  }
}

/** Flags that keep Chromium from reaching out to the network on its own. */
export const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-gpu',
];

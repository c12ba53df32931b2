import { describe, expect, it } from 'vitest';
import { describeBrowser, findChromium, getChromium } from './chromium.ts';
import { fakeHost } from './fake-host.ts';
import { PrerequisiteError } from './host.ts';

const DEBIAN = ['/etc/debian_version'];
const PLAYWRIGHT = '/root/.cache/ms-playwright/chromium-1200/chrome-linux/chrome';
const playwrightPath = () => PLAYWRIGHT;

describe('the browser the tests use', () => {
  it('takes CHROMIUM_PATH first, even when the system has one', () => {
    const { host } = fakeHost({
      env: { CHROMIUM_PATH: '/opt/chrome/chrome' },
      files: ['/opt/chrome/chrome', '/usr/bin/chromium', PLAYWRIGHT],
    });
    expect(getChromium(host, playwrightPath)).toEqual({
      path: '/opt/chrome/chrome',
      source: 'CHROMIUM_PATH',
    });
  });

  it('refuses a CHROMIUM_PATH that names no file, instead of taking another browser', () => {
    const { host, commands } = fakeHost({
      env: { CHROMIUM_PATH: '/opt/missing' },
      files: ['/usr/bin/chromium', ...DEBIAN],
    });
    expect(() => getChromium(host, playwrightPath)).toThrow(
      'CHROMIUM_PATH is /opt/missing, and there is no file there',
    );
    expect(commands).toEqual([]);
  });

  it("takes the system's Chromium next, at its usual path or on PATH", () => {
    const usual = fakeHost({ files: ['/usr/bin/chromium', PLAYWRIGHT] }).host;
    expect(getChromium(usual, playwrightPath)).toEqual({
      path: '/usr/bin/chromium',
      source: "the system's Chromium",
    });
    const onPath = fakeHost({ onPath: { chromium: '/snap/bin/chromium' }, files: [PLAYWRIGHT] });
    expect(getChromium(onPath.host, playwrightPath).path).toBe('/snap/bin/chromium');
  });

  it("takes Playwright's cache when the system has no Chromium", () => {
    const { host, commands } = fakeHost({ files: [PLAYWRIGHT, ...DEBIAN] });
    expect(getChromium(host, playwrightPath)).toEqual({
      path: PLAYWRIGHT,
      source: "Playwright's browser cache",
    });
    expect(commands).toEqual([]);
  });

  it("installs Debian's chromium as root when none is found, and says so", () => {
    const { host, commands, lines } = fakeHost({
      files: DEBIAN,
      onPath: { 'apt-get': '/usr/bin/apt-get' },
      installs: { chromium: ['/usr/bin/chromium'] },
    });
    expect(getChromium(host, () => undefined)).toEqual({
      path: '/usr/bin/chromium',
      source: "Debian's chromium, installed by this run",
    });
    expect(commands).toEqual(['apt-get update -qq', 'apt-get install -y -qq chromium']);
    expect(lines.join('\n')).toContain("Installing Debian's chromium");
  });

  it('installs through sudo when it may without a password', () => {
    const { host, commands } = fakeHost({
      root: false,
      files: DEBIAN,
      onPath: { 'apt-get': '/usr/bin/apt-get' },
      installs: { chromium: ['/usr/bin/chromium'] },
    });
    expect(getChromium(host, () => undefined).path).toBe('/usr/bin/chromium');
    expect(commands).toEqual([
      'sudo -n true',
      'sudo -n apt-get update -qq',
      'sudo -n apt-get install -y -qq chromium',
    ]);
  });

  it('stops at once with the exact command when it is not root', () => {
    const { host, commands } = fakeHost({
      root: false,
      files: DEBIAN,
      onPath: { 'apt-get': '/usr/bin/apt-get' },
      answer: (command) =>
        command === 'sudo' ? { ok: false, output: 'a password is required' } : undefined,
    });
    const error = catchError(() => getChromium(host, () => undefined));
    expect(error).toBeInstanceOf(PrerequisiteError);
    expect(error.message).toContain('sudo apt-get update && sudo apt-get install -y chromium');
    expect(error.message).toContain('CHROMIUM_PATH');
    expect(commands).toEqual(['sudo -n true']);
  });

  it('stops at once, naming CHROMIUM_PATH, where it is not Debian', () => {
    const { host, commands } = fakeHost({ platform: 'darwin' });
    const error = catchError(() => getChromium(host, () => undefined));
    expect(error.message).toMatch(/cannot install one on this system \(not Debian\)/);
    expect(error.message).toContain('npx playwright install chromium');
    expect(commands).toEqual([]);
  });

  it("says apt-get's own words when the install fails", () => {
    const { host } = fakeHost({
      files: DEBIAN,
      onPath: { 'apt-get': '/usr/bin/apt-get' },
      answer: (_command, args) =>
        args.includes('install')
          ? { ok: false, output: 'E: Unable to locate package chromium' }
          : undefined,
    });
    const error = catchError(() => getChromium(host, () => undefined));
    expect(error.message).toContain('Installing chromium with apt-get failed');
    expect(error.message).toContain('E: Unable to locate package chromium');
    expect(error.message).toContain('apt-get install -y chromium');
  });

  it('finds without installing for the browser-test config and the bench', () => {
    const { host, commands } = fakeHost({
      files: DEBIAN,
      onPath: { 'apt-get': '/usr/bin/apt-get' },
    });
    expect(findChromium(host, () => undefined)).toBeUndefined();
    expect(commands).toEqual([]);
  });

  it('names the browser, its version and where it came from in one line', () => {
    const { host } = fakeHost({
      answer: (_command, args) =>
        args[0] === '--version'
          ? { ok: true, output: 'Chromium 156.0.8078.73 built on Debian\n' }
          : undefined,
    });
    expect(
      describeBrowser(host, { path: '/usr/bin/chromium', source: "the system's Chromium" }),
    ).toBe(
      "Browser: Chromium 156.0.8078.73 built on Debian at /usr/bin/chromium (the system's Chromium)",
    );
  });
});

function catchError(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

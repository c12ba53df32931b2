import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DOC_SAMPLE_RECORD_ID } from '../shared/doc-samples.ts';
import { loadConfig } from './config.ts';
import { start } from './start.ts';
import { TestBrowser } from './test-support/browser.ts';
import { signInAtSandbox } from './test-support/sandbox-sign-in.ts';
import { tempDataDir } from './test-support/temp-data-dir.ts';

const ATTACHMENTS = `/api/records/Contacts/${DOC_SAMPLE_RECORD_ID}/attachments`;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

describe('npm start, stopped and started again (the embedded store, in DATA_DIR)', () => {
  it('keeps the signed-in user signed in: same session, same CSRF token, no new sign-in', async () => {
    // As `npm start` runs: the sandbox beside the proxy, no SESSION_SECRET, fixed ports.
    const env = {
      PORT: String(await freePort()),
      SANDBOX_PORT: String(await freePort()),
      DATA_DIR: tempDataDir(),
      APP_DIST_DIR: 'no-app-here',
    };
    let started = await start(loadConfig(env), () => undefined);
    const browser = new TestBrowser(started.appUrl);
    expect((await signInAtSandbox(browser, 'Patricia Boyle')).status).toBe(303);
    expect((await browser.fetch(ATTACHMENTS)).status).toBe(200);
    const before = await (await browser.fetch('/api/session')).json();
    await started.close();

    started = await start(loadConfig(env), () => undefined);
    try {
      expect(await (await browser.fetch('/api/session')).json()).toEqual(before);
      expect((await browser.fetch(ATTACHMENTS)).status).toBe(200);
      // A write with the CSRF token from before the restart goes through the guard.
      const signOut = await browser.write('/auth/sign-out', 'POST', before.csrfToken);
      expect(signOut.status).toBe(204);
    } finally {
      await started.close();
    }
  });
});

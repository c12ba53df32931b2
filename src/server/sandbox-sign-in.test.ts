import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentPageSchema } from '../shared/api-contract.ts';
import { PRODUCT_RECORD_ID } from '../sandbox/seed-ids.ts';
import { DOC_SAMPLE_RECORD_ID } from '../shared/doc-samples.ts';
import { loadConfig } from './config.ts';
import { start, type Started } from './start.ts';
import { tempDataDir } from './test-support/temp-data-dir.ts';
import { TestBrowser } from './test-support/browser.ts';
import { signInAtSandbox } from './test-support/sandbox-sign-in.ts';

let stack: Started;
const logLines: string[] = [];
const startLines: string[] = [];
const ATTACHMENTS = `/api/records/Contacts/${DOC_SAMPLE_RECORD_ID}/attachments`;

beforeAll(async () => {
  stack = await start(
    loadConfig({ PORT: '0', SANDBOX_PORT: '0', DATA_DIR: tempDataDir() }),
    (line) => startLines.push(line),
    {
      logger: { stream: { write: (line) => void logLines.push(line) } },
    },
  );
});
afterAll(() => stack.close());

describe('sign-in through the sandbox, over real sockets', () => {
  it('says at start where the app is and which demo user to choose', () => {
    expect(startLines[0]).toBe(`Bigin Attachments at ${stack.appUrl}`);
    expect(startLines).toContain(
      `Open ${stack.appUrl} and choose Patricia Boyle on the sandbox's sign-in page (An administrator with full access: everything works.); Sam Rivera, Jordan Lee, Alex Chen show Bigin's refusals.`,
    );
  });

  it('signs Patricia Boyle in through the consent page and lists her attachments', async () => {
    const browser = new TestBrowser(stack.appUrl);
    expect((await browser.fetch(ATTACHMENTS)).status).toBe(401);
    const back = await signInAtSandbox(
      browser,
      'Patricia Boyle',
      `/Contacts/${DOC_SAMPLE_RECORD_ID}`,
    );
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`/Contacts/${DOC_SAMPLE_RECORD_ID}`);
    const response = await browser.fetch(ATTACHMENTS);
    expect(response.status, logLines.join('\n')).toBe(200);
    expect(attachmentPageSchema.parse(await response.json()).data.length).toBeGreaterThan(0);
  });

  it('names the signed-in user as the sandbox’s accounts server does, each demo user apart', async () => {
    for (const [user, email] of [
      ['Patricia Boyle', 'p.boyle@zylker.com'],
      ['Jordan Lee', 'j.lee@zylker.com'],
    ]) {
      const browser = new TestBrowser(stack.appUrl);
      await signInAtSandbox(browser, user!);
      const session = await (await browser.fetch('/api/session')).json();
      expect(session.user).toEqual({ name: user, email });
    }
  });

  it.each([
    ['Sam Rivera', 403, 'NO_PERMISSION', ATTACHMENTS],
    ['Jordan Lee', 401, 'OAUTH_SCOPE_MISMATCH', ATTACHMENTS],
    [
      'Alex Chen',
      400,
      'AUTHORIZATION_FAILED',
      `/api/records/Products/${PRODUCT_RECORD_ID}/attachments`,
    ],
  ])("passes Bigin's answer for %s through: %i %s", async (user, status, code, path) => {
    const browser = new TestBrowser(stack.appUrl);
    await signInAtSandbox(browser, user);
    const response = await browser.fetch(path);
    const body = await response.json();
    expect(body.code).toBe(code);
    expect(response.status).toBe(status);
  });

  it('signs out: the refresh token is revoked at the sandbox and the session ends', async () => {
    const browser = new TestBrowser(stack.appUrl);
    await signInAtSandbox(browser, 'Patricia Boyle');
    expect((await browser.write('/auth/sign-out')).status).toBe(204);
    const after = await browser.fetch(ATTACHMENTS);
    expect(after.status).toBe(401);
    expect((await after.json()).code).toBe('PROXY_SIGNED_OUT');
  });
});

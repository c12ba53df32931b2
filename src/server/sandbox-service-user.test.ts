import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { start, type Started } from './start.ts';
import { TestBrowser } from './test-support/browser.ts';
import { tempDataDir } from './test-support/temp-data-dir.ts';

let stack: Started;

beforeAll(async () => {
  stack = await start(
    loadConfig({
      PORT: '0',
      SANDBOX_PORT: '0',
      DATA_DIR: tempDataDir(),
      ZOHO_REFRESH_TOKEN: '1000.selfclient.sam-rivera',
    }),
    () => undefined,
  );
});
afterAll(() => stack.close());

describe('service mode on the sandbox, over real sockets', () => {
  it('names the service user: the one whose self-client token it holds', async () => {
    const session = await (await new TestBrowser(stack.appUrl).fetch('/api/session')).json();
    expect(session).toMatchObject({
      signedIn: true,
      mode: 'service',
      user: { name: 'Sam Rivera', email: 's.rivera@zylker.com' },
    });
  });
});

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_SAMPLE_RECORD_ID } from '../shared/doc-samples.ts';
import { startSandbox, type RunningSandbox } from '../sandbox/test-harness.ts';

const script = fileURLToPath(new URL('./sandbox-token.ts', import.meta.url));
const run = promisify(execFile);

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

describe('npm run sandbox:token', () => {
  it('prints, as its last line, a token that works against the running sandbox', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script, 'Patricia Boyle'], {
      env: { ...process.env, SANDBOX_URL: sandbox.base },
    });
    const token = stdout.trimEnd().split('\n').at(-1)!;
    const response = await sandbox.api(`Contacts/${DOC_SAMPLE_RECORD_ID}/Attachments`, { token });
    expect(response.status).toBe(200);
  }, 30_000);

  it('names the demo users when given someone else, and fails', async () => {
    const failed = run(process.execPath, ['--import', 'tsx', script, 'Nobody'], {
      env: { ...process.env, SANDBOX_URL: sandbox.base },
    });
    await expect(failed).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('"Sam Rivera"'),
    });
  });
});

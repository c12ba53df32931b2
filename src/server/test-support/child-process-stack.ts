import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SANDBOX_CLIENT, SELF_CLIENT_REFRESH_TOKENS } from '../../sandbox/sandbox-client.ts';
import { tempDataDir } from './temp-data-dir.ts';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '../../..');

export interface Child {
  url: string;
  process: ChildProcess;
  close: () => Promise<void>;
}

/**
 * Runs a TypeScript entry in a child process and waits for `<marker> <url>` on its output;
 * `nodeArgs` go to node before the entry (`--cpu-prof`, which NODE_OPTIONS does not take).
 */
export function spawnTs(
  entry: string,
  env: Record<string, string>,
  marker: RegExp,
  nodeArgs: readonly string[] = [],
): Promise<Child> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    child.once('exit', (code) => reject(new Error(`${entry} exited (${code}) before listening`)));
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const url = marker.exec(seen)?.[1];
      if (!url) return;
      // Once: what the child writes later (its request log) must not touch the listeners that
      // callers add for its exit.
      child.stdout!.off('data', onData);
      child.removeAllListeners('exit');
      child.stdout!.resume();
      resolve({
        url,
        process: child,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', onData);
  });
}

/** The sandbox in a child process of its own. */
export const spawnSandbox = (maxUploadMb: number) =>
  spawnTs(
    path.join(root, 'src/server/test-support/sandbox-child.ts'),
    { MAX_UPLOAD_MB: String(maxUploadMb) },
    /SANDBOX (http:\/\/\S+)/,
  );

/**
 * The proxy's configuration for service mode against a sandbox that runs elsewhere: the sandbox
 * is then simply a Zoho at another address.
 */
export const proxyEnvFor = (sandboxUrl: string, maxUploadMb: number): Record<string, string> => ({
  PORT: '0',
  ZOHO_CLIENT_ID: SANDBOX_CLIENT.id,
  ZOHO_CLIENT_SECRET: SANDBOX_CLIENT.secret,
  ZOHO_ACCOUNTS_URL: sandboxUrl,
  BIGIN_API_BASE: sandboxUrl,
  ZOHO_REFRESH_TOKEN: SELF_CLIENT_REFRESH_TOKENS['Patricia Boyle']!,
  SESSION_SECRET: 'streaming-memory-check-'.repeat(3),
  MAX_UPLOAD_MB: String(maxUploadMb),
  RATE_LIMIT_PER_MINUTE: '100000',
  // Each proxy its own state file: never the developer's data/sandbox, nor another test's.
  DATA_DIR: tempDataDir(),
});

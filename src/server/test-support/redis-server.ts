import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface TestRedis {
  url: string;
  port: number;
  /** Stops the server (the process this helper started, nothing else). */
  stop: () => Promise<void>;
  /** Starts it again on the same port, empty (it keeps nothing on disk). */
  restart: () => Promise<void>;
}

/**
 * A redis-server of the tests' own on a free port of 127.0.0.1, keeping nothing on disk.
 * `npm test` finds or installs one and names it in REDIS_SERVER_PATH (src/cli/prerequisites/
 * redis.ts); run alone, Vitest takes the redis-server on PATH.
 */
export async function startTestRedis(): Promise<TestRedis> {
  const binary = process.env.REDIS_SERVER_PATH || 'redis-server';
  let port = await freePort();
  let child = await launch(binary, port).catch(async (error: unknown) => {
    // Someone took the port between our look and the server's start: once more, elsewhere.
    port = await freePort();
    if (String(error).includes('ENOENT')) throw error;
    return launch(binary, port);
  });
  const stop = () => stopChild(child);
  return {
    get url() {
      return `redis://127.0.0.1:${port}`;
    },
    port,
    stop,
    restart: async () => {
      await stop();
      child = await launch(binary, port);
    },
  };
}

function launch(binary: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('Ready to accept connections')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        child.off('exit', onExit);
        resolve(child);
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`redis-server exited (${code}) before it was ready:\n${seen.slice(-2000)}`));
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => void (seen += chunk.toString()));
    child.once('exit', onExit);
    child.once('error', (error) =>
      reject(
        new Error(
          `${binary} could not be started (${error.message}): run the tests with \`npm test\`, which finds or installs redis-server, or set REDIS_SERVER_PATH`,
        ),
      ),
    );
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

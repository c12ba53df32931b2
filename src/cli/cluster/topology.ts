import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { SANDBOX_CLIENT } from '../../sandbox/sandbox-client.ts';
import { startBalancer, type Balancer } from './balancer.ts';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

/**
 * Several instances as the README's "Running several instances" describes them, locally: the
 * sandbox on its own, N proxies sharing one Redis (REDIS_URL), and a round-robin balancer in
 * front whose address is every proxy's PUBLIC_URL. Used by `npm run cluster`, the browser test
 * of sign-in through the balancer and the benchmark.
 */
export interface ClusterOptions {
  /** How many proxy instances. */
  proxies: number;
  /** A Redis every proxy shares (REDIS_URL); without one, a single proxy on its embedded store. */
  redisUrl: string | undefined;
  host?: string;
  /** Where the balancer listens (0: a free port). */
  balancerPort?: number;
  /** Where the sandbox listens (0: a free port). */
  sandboxPort?: number;
  /** The sandbox's data (uploads, deletions). */
  sandboxDataDir: string;
  /** Under it, each proxy's own DATA_DIR (proxy-1, ...). */
  proxyDataDir: string;
  /** The built app every proxy serves. */
  appDistDir: string;
  /** More for every proxy's environment (RATE_LIMIT_PER_MINUTE, ...). */
  proxyEnv?: Record<string, string>;
  /** The sandbox's /__sandbox/ control routes (tests only). */
  sandboxControlRoutes?: boolean;
  /** Where each process's output goes, line by line, with its name. */
  output?: (name: string, line: string) => void;
}

export interface ClusterProcess {
  name: string;
  url: string;
  process: ChildProcess;
}

export interface Cluster {
  /** The balancer's address: the one to open. */
  url: string;
  sandboxUrl: string;
  proxies: ClusterProcess[];
  balancer: Balancer;
  /** Stops what this started, by process id: the balancer, the proxies (each drains), the sandbox. */
  stop: () => Promise<void>;
}

/** The sandbox on its own, as `npm run sandbox` runs it. */
export async function startSandbox(
  options: Pick<
    ClusterOptions,
    'host' | 'sandboxPort' | 'sandboxDataDir' | 'sandboxControlRoutes' | 'output'
  >,
): Promise<ClusterProcess> {
  const host = options.host ?? '127.0.0.1';
  const port = options.sandboxPort || (await freePort(host));
  return launch('sandbox', 'src/sandbox/main.ts', `http://${host}:${port}`, options, {
    HOST: host,
    SANDBOX_PORT: String(port),
    DATA_DIR: options.sandboxDataDir,
    SANDBOX_CONTROL_ROUTES: String(options.sandboxControlRoutes ?? false),
  });
}

export interface Instances {
  url: string;
  proxies: ClusterProcess[];
  balancer: Balancer;
  /** Stops the balancer and the proxies, each draining as on a deploy. */
  stop: () => Promise<void>;
}

/**
 * `count` proxies in front of the sandbox at `sandboxUrl`, on REDIS_URL when there is one, and
 * a round-robin balancer in front of them whose address is their PUBLIC_URL.
 */
export async function startInstances(
  sandboxUrl: string,
  options: Omit<ClusterOptions, 'sandboxPort' | 'sandboxDataDir' | 'sandboxControlRoutes'>,
): Promise<Instances> {
  if (!options.redisUrl && options.proxies > 1) {
    throw new Error('Several proxies share their state through Redis: give a REDIS_URL');
  }
  const host = options.host ?? '127.0.0.1';
  const started: ClusterProcess[] = [];
  // The balancer's address is known before the proxies start: it is their PUBLIC_URL.
  const ports = await Promise.all(Array.from({ length: options.proxies }, () => freePort(host)));
  const backends = ports.map((port) => `http://${host}:${port}`);
  const balancer = await startBalancer({ backends, host, port: options.balancerPort ?? 0 });
  const stop = async () => {
    await balancer.close();
    await Promise.all(started.map(stopProcess));
  };
  try {
    // One secret for all: a cookie signed by one instance is read by every other.
    const sessionSecret = randomBytes(48).toString('base64url');
    const launched = await Promise.allSettled(
      backends.map((url, i) =>
        launch(`proxy ${i + 1}`, 'src/server/main.ts', url, options, {
          HOST: host,
          PORT: String(ports[i]),
          PUBLIC_URL: balancer.url,
          // The sandbox as a Zoho at another address: its OAuth client, its accounts server
          // and its API; sign-in goes through its consent page, as with Zoho.
          ZOHO_CLIENT_ID: SANDBOX_CLIENT.id,
          ZOHO_CLIENT_SECRET: SANDBOX_CLIENT.secret,
          ZOHO_ACCOUNTS_URL: sandboxUrl,
          BIGIN_API_BASE: sandboxUrl,
          SESSION_SECRET: sessionSecret,
          ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
          DATA_DIR: path.join(options.proxyDataDir, `proxy-${i + 1}`),
          // The balancer is the one proxy in front whose X-Forwarded-For is believed.
          TRUST_PROXY: host,
          APP_DIST_DIR: options.appDistDir,
          ...options.proxyEnv,
        }),
      ),
    );
    for (const outcome of launched) if (outcome.status === 'fulfilled') started.push(outcome.value);
    const failed = launched.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    await waitUntil(
      () => balancer.ready().length === backends.length,
      30_000,
      () => `not every instance became ready (ready: ${balancer.ready().join(', ') || 'none'})`,
    );
    return { url: balancer.url, proxies: started, balancer, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The whole topology: the sandbox on its own, then the instances and their balancer. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const sandbox = await startSandbox(options);
  try {
    const instances = await startInstances(sandbox.url, options);
    return {
      ...instances,
      sandboxUrl: sandbox.url,
      stop: async () => {
        await instances.stop();
        await stopProcess(sandbox);
      },
    };
  } catch (error) {
    await stopProcess(sandbox);
    throw error;
  }
}

/** Starts a TypeScript entry with tsx and waits until `url` answers (`/readyz` for a proxy). */
async function launch(
  name: string,
  entry: string,
  url: string,
  options: Pick<ClusterOptions, 'output'>,
  env: Record<string, string>,
): Promise<ClusterProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, entry)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own: Ctrl-C reaches whoever started it, who stops it in its turn (the
    // proxies before the sandbox they call), never all at once.
    detached: true,
  });
  // In its own group it outlives a starter that dies without stopping it: not so.
  const stopWithStarter = () => child.kill('SIGTERM');
  process.once('exit', stopWithStarter);
  child.once('exit', () => process.off('exit', stopWithStarter));
  let output = '';
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      output = (output + chunk).slice(-4000);
      for (const line of chunk.split('\n').filter(Boolean)) options.output?.(name, line);
    });
  }
  const probe = entry.includes('sandbox') ? `${url}/oauth/v2/auth` : `${url}/healthz`;
  await waitUntil(
    async () => {
      if (child.exitCode !== null) {
        throw new Error(`${name} exited (${child.exitCode}) before it answered:\n${output}`);
      }
      try {
        await (await fetch(probe, { redirect: 'manual' })).body?.cancel();
        return true;
      } catch {
        return false;
      }
    },
    30_000,
    () => `${name} did not answer at ${url} within 30 s:\n${output}`,
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return { name, url, process: child };
}

/** Sends SIGTERM (the instance drains) and waits for the exit; SIGKILL after 15 s. */
export function stopProcess({ process: child }: ClusterProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  message: () => string,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(message());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A port nobody listens on now (the OS's choice), for a process to listen on next. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

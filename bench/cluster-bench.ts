/**
 * What shared state costs: the same list call, signed in, on the embedded store and on Redis,
 * each beside its own baseline in the same run:
 * - one instance, as `npm start` runs, through a balancer (the hop costs both alike);
 * - three instances: on Redis one sign-in serves all three; on the embedded store three
 *   instances that share nothing, each signed in on its own, called in the same turn. Spreading
 *   sequential calls over three processes costs by itself on a small machine (each process is
 *   cold for the call it gets), with no shared state at all: that is the second baseline, so
 *   that the figure is Redis's and not the spreading's.
 * Each proxy is a process of its own (main.ts), the sandbox on its own, a Redis of the bench's
 * own. The goal: Redis costs at most 1 ms more per call at the median.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { systemHost } from '../src/cli/prerequisites/host.ts';
import { getRedisServer } from '../src/cli/prerequisites/redis.ts';
import {
  startInstances,
  startSandbox,
  stopProcess,
  type Instances,
} from '../src/cli/cluster/topology.ts';
import { signInAtConsentPage } from '../src/cli/cluster/consent-sign-in.ts';
import { startTestRedis } from '../src/server/test-support/redis-server.ts';

const RECORD = '4150868000002728001';
const LIST = `/api/records/Contacts/${RECORD}/attachments?page=1&per_page=200`;

const dataDir = mkdtempSync(path.join(tmpdir(), 'cluster-bench-'));
process.env.REDIS_SERVER_PATH = getRedisServer(systemHost()).path;
const redis = await startTestRedis();
const sandbox = await startSandbox({ sandboxDataDir: path.join(dataDir, 'sandbox') });
const started: Instances[] = [];

/** `proxies` instances on `redisUrl` (or the embedded store in a data folder of their own). */
async function instances(proxies: number, redisUrl?: string): Promise<Instances> {
  const running = await startInstances(sandbox.url, {
    proxyDataDir: mkdtempSync(path.join(dataDir, 'proxy-')),
    appDistDir: path.join(dataDir, 'no-app'),
    proxyEnv: { RATE_LIMIT_PER_MINUTE: '1000000' },
    proxies,
    redisUrl,
  });
  started.push(running);
  return running;
}

/** Where the n-th call goes, and with which session. */
type Target = (n: number) => { url: string; cookie: string };

interface Column {
  label: string;
  target: Target;
  /** The column this one is measured beside; none for a baseline. */
  beside?: Column;
  latencies: number[];
}

async function throughBalancer(proxies: number, redisUrl?: string): Promise<Target> {
  const running = await instances(proxies, redisUrl);
  const cookie = await signInAtConsentPage(running.url);
  return () => ({ url: running.url, cookie });
}

/** Three instances called in turn, straight: one sign-in (shared) or one each (embedded). */
async function inTurn(redisUrl?: string): Promise<Target> {
  const targets: { url: string; cookie: string }[] = [];
  if (redisUrl) {
    const running = await instances(3, redisUrl);
    const cookie = await signInAtConsentPage(running.url);
    for (const proxy of running.proxies) targets.push({ url: proxy.url, cookie });
  } else {
    for (let i = 0; i < 3; i += 1) {
      const running = await instances(1);
      targets.push({
        url: running.proxies[0]!.url,
        cookie: await signInAtConsentPage(running.url),
      });
    }
  }
  return (n) => targets[n % targets.length]!;
}

const column = (label: string, target: Target, beside?: Column): Column => ({
  label,
  target,
  beside,
  latencies: [],
});
const embeddedOne = column('embedded, 1 instance', await throughBalancer(1));
const redisOne = column('Redis, 1 instance', await throughBalancer(1, redis.url), embeddedOne);
const embeddedThree = column('embedded, 3 in turn', await inTurn());
const redisThree = column('Redis, 3 in turn', await inTurn(redis.url), embeddedThree);
const columns = [embeddedOne, redisOne, embeddedThree, redisThree];

async function call(c: Column, n: number): Promise<void> {
  const { url, cookie } = c.target(n);
  const r = await fetch(`${url}${LIST}`, { headers: { cookie } });
  if (r.status !== 200) throw new Error(`${c.label}: ${r.status} ${await r.text()}`);
  await r.json();
}

/** Blocks of each column in turn, so that drift (GC, JIT, CPU frequency) hits all alike. */
async function measure(n: number, block: number, record: boolean): Promise<void> {
  for (let done = 0; done < n; done += block) {
    for (const c of columns) {
      for (let i = 0; i < block; i += 1) {
        const t = performance.now();
        await call(c, done + i);
        if (record) c.latencies.push(performance.now() - t);
      }
    }
  }
}

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (x: number) => `${x.toFixed(3)} ms`;
const median = (c: Column) => quantile(c.latencies, 0.5);

try {
  // Warm up every process (JIT, keep-alive sockets, the access token): 300 calls each column.
  await measure(300, 100, false);
  await measure(3000, 100, true);

  console.log(
    `Node ${process.version}; the list call of one record signed in, sequential, ${embeddedOne.latencies.length} per column; ` +
      'each proxy a process of its own, one sandbox behind all. One instance through a balancer; ' +
      'three called in turn straight (on the embedded store three that share nothing, each signed in).',
  );
  const row = (label: string, cells: string[]) =>
    console.log(`${label.padEnd(28)} ${cells.map((c) => c.padStart(22)).join(' ')}`);
  row(
    '',
    columns.map((c) => c.label),
  );
  row(
    'median latency',
    columns.map((c) => ms(median(c))),
  );
  row(
    'p90 latency',
    columns.map((c) => ms(quantile(c.latencies, 0.9))),
  );
  const cost = (c: Column) => median(c) - median(c.beside!);
  row(
    "Redis's cost (median)",
    columns.map((c) => (c.beside ? `${cost(c) >= 0 ? '+' : ''}${ms(cost(c))}` : 'baseline')),
  );
  const worst = Math.max(cost(redisOne), cost(redisThree));
  console.log(
    `Goal: Redis costs at most +1 ms per call at the median: ${worst <= 1 ? 'met' : 'not met'} (${worst >= 0 ? '+' : ''}${ms(worst)} at most). ` +
      `Spreading over three processes by itself: ${ms(median(embeddedThree) - median(embeddedOne))} (the embedded columns).`,
  );
} finally {
  for (const running of started) await running.stop();
  await stopProcess(sandbox);
  await redis.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

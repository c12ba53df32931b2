/**
 * What shared state costs: the same list call, signed in, through one instance on its embedded
 * store (the baseline, as `npm start` runs), one instance on Redis, and three instances on Redis
 * behind the round-robin balancer. Each runs as `npm run cluster` runs it: the proxies in
 * processes of their own (main.ts), the sandbox on its own, a Redis of the bench's own; every
 * column goes through a balancer of its own, so that the hop costs each the same. The goal: Redis
 * costs at most 1 ms more per call at the median.
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
const common = {
  proxyDataDir: dataDir,
  appDistDir: path.join(dataDir, 'no-app'),
  proxyEnv: { RATE_LIMIT_PER_MINUTE: '1000000' },
};

interface Column {
  label: string;
  instances: Instances;
  cookie: string;
  latencies: number[];
}

const columns: Column[] = [];
for (const [label, proxies, redisUrl] of [
  ['embedded, 1 instance', 1, undefined],
  ['Redis, 1 instance', 1, redis.url],
  ['Redis, 3 instances', 3, redis.url],
] as const) {
  const instances = await startInstances(sandbox.url, { ...common, proxies, redisUrl });
  columns.push({
    label,
    instances,
    cookie: await signInAtConsentPage(instances.url),
    latencies: [],
  });
}

async function call(column: Column): Promise<void> {
  const r = await fetch(`${column.instances.url}${LIST}`, { headers: { cookie: column.cookie } });
  if (r.status !== 200) throw new Error(`${column.label}: ${r.status} ${await r.text()}`);
  await r.json();
}

/** Blocks of each column in turn, so that drift (GC, JIT, CPU frequency) hits all alike. */
async function measure(n: number, block: number, record: boolean): Promise<void> {
  for (let done = 0; done < n; done += block) {
    for (const column of columns) {
      for (let i = 0; i < block; i += 1) {
        const t = performance.now();
        await call(column);
        if (record) column.latencies.push(performance.now() - t);
      }
    }
  }
}

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (x: number) => `${x.toFixed(3)} ms`;

try {
  // Warm up every process (JIT, keep-alive sockets, the access token): 300 calls each.
  await measure(900, 100, false);
  await measure(3000, 100, true);

  const [baseline] = columns;
  const base = quantile(baseline!.latencies, 0.5);
  console.log(
    `Node ${process.version}; the list call of one record signed in, sequential, ${baseline!.latencies.length} per column; ` +
      'each proxy a process of its own, a balancer in front of each column, one sandbox behind all.',
  );
  const row = (label: string, cells: string[]) =>
    console.log(`${label.padEnd(28)} ${cells.map((c) => c.padStart(22)).join(' ')}`);
  row(
    '',
    columns.map((c) => c.label),
  );
  row(
    'median latency',
    columns.map((c) => ms(quantile(c.latencies, 0.5))),
  );
  row(
    'p90 latency',
    columns.map((c) => ms(quantile(c.latencies, 0.9))),
  );
  row(
    'median beside the embedded',
    columns.map((c) => {
      const d = quantile(c.latencies, 0.5) - base;
      return c === baseline ? 'baseline' : `${d >= 0 ? '+' : ''}${ms(d)}`;
    }),
  );
  const worst = Math.max(...columns.slice(1).map((c) => quantile(c.latencies, 0.5) - base));
  console.log(
    `Goal: Redis costs at most +1 ms per call at the median: ${worst <= 1 ? 'met' : 'not met'} (${worst >= 0 ? '+' : ''}${ms(worst)} at most).`,
  );
} finally {
  for (const column of columns) await column.instances.stop();
  await stopProcess(sandbox);
  await redis.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

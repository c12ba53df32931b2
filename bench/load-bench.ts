/**
 * The proxy under load, as `npm start` runs it (its own process, the request log on at info level
 * writing a line per request to its stdout, a pipe), against the sandbox in a process of its own:
 * - throughput of 200-row list calls at 50 connections, through the proxy and straight to the
 *   sandbox in the same run (goal: the proxy at least 0.85x the direct figure);
 * - the proxy's CPU per list call (user + system, from /proc), the median over one-second
 *   windows of that run (goal: at most 200 µs), beside the same figure for a bare Node forwarder
 *   that pipes the same calls through and does nothing else (bench/bare-forwarder.ts): the floor
 *   of any proxy on Node on this machine; and the proxy's CPU per call with users signed in;
 * - the proxy's peak RSS above rest during that run and during 20 concurrent 100 MB downloads
 *   (goal: at most +100 MB each).
 * The sandbox's limits are lifted for the run so that the direct column counts only answers.
 * LOAD_PROFILE_DIR=<dir> runs both proxies with --cpu-prof, their profiles written there when they
 * stop (named by process id: the service-mode proxy's is the lower).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'undici';
import { mintSandboxToken } from '../src/cli/sandbox-token.ts';
import { THOUSAND_ATTACHMENTS_RECORD_ID } from '../src/sandbox/seed-ids.ts';
import { freePort } from '../src/cli/cluster/topology.ts';
import { TestBrowser } from '../src/server/test-support/browser.ts';
import {
  proxyEnvFor,
  spawnSandbox,
  spawnTs,
} from '../src/server/test-support/child-process-stack.ts';
import { signInAtSandbox } from '../src/server/test-support/sandbox-sign-in.ts';
import { postGenerated } from '../src/server/test-support/upload-client.ts';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.LOAD_SECONDS ?? 8);
const DOWNLOADS = 20;
const DOWNLOAD_BYTES = 100 * 1024 * 1024;
const RECORD = THOUSAND_ATTACHMENTS_RECORD_ID;
const BIG_RECORD = '4150868000002728101';
const LIMIT_MB = 200;
const TICK_MICROS = 10_000; // CLK_TCK = 100 on Linux
const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const sandbox = await spawnSandbox(LIMIT_MB);
/** The proxy as `npm start` runs it, on `env` (with LOAD_PROFILE_DIR, profiled). */
const spawnProxy = (env: Record<string, string>) =>
  spawnTs(
    path.join(root, 'src/server/main.ts'),
    { ...env, RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'info' },
    /Bigin Attachments at (http:\/\/\S+)/,
    process.env.LOAD_PROFILE_DIR
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_PROFILE_DIR}`]
      : [],
  );
const proxy = await spawnProxy(proxyEnvFor(sandbox.url, LIMIT_MB));
const proxyPid = proxy.process.pid!;
// The same proxy with users signing in (no ZOHO_REFRESH_TOKEN): each call opens its session.
const signedInEnv: Record<string, string> = proxyEnvFor(sandbox.url, LIMIT_MB);
delete signedInEnv.ZOHO_REFRESH_TOKEN;
const signedInPort = await freePort();
const signedInProxy = await spawnProxy({
  ...signedInEnv,
  PORT: String(signedInPort),
  PUBLIC_URL: `http://127.0.0.1:${signedInPort}`,
});
const sandboxPid = sandbox.process.pid!;
await fetch(`${sandbox.url}/__sandbox/limits`, {
  method: 'PUT',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ apiCreditsPer24h: 1e9, maxConcurrentCalls: 1000, resetUsage: true }),
});
const token = await mintSandboxToken(sandbox.url, 'Patricia Boyle');
const bare = await spawnTs(
  path.join(root, 'bench/bare-forwarder.ts'),
  { BARE_UPSTREAM: sandbox.url, BARE_AUTHORIZATION: `Zoho-oauthtoken ${token}` },
  /BARE (http:\/\/\S+)/,
);
const browser = new TestBrowser(proxy.url);
await browser.fetch('/api/session');
const signedIn = new TestBrowser(signedInProxy.url);
if ((await signInAtSandbox(signedIn, 'Patricia Boyle')).status !== 303) throw new Error('sign-in');

const rssOf = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
/** User + system CPU of `pid` in µs. */
const cpuOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MICROS;
};

interface Target {
  origin: string;
  /** The process whose CPU and RSS are sampled. */
  pid: number;
  path: string;
  headers: Record<string, string>;
}
const viaProxy: Target = {
  origin: proxy.url,
  pid: proxyPid,
  path: `/api/records/Contacts/${RECORD}/attachments?page=1&per_page=200`,
  headers: { cookie: browser.cookieHeader },
};
const direct: Target = {
  origin: sandbox.url,
  pid: sandboxPid,
  path: `/bigin/v2/Contacts/${RECORD}/Attachments?page=1&per_page=200`,
  headers: { authorization: `Zoho-oauthtoken ${token}` },
};
const viaSignedIn: Target = {
  origin: signedInProxy.url,
  pid: signedInProxy.process.pid!,
  path: viaProxy.path,
  headers: { cookie: signedIn.cookieHeader },
};
const viaBare: Target = {
  origin: bare.url,
  pid: bare.process.pid!,
  path: direct.path,
  headers: {},
};

interface Run {
  perSecond: number;
  failed: number;
  cpuPerCall: number[];
  /** The sandbox's CPU per call over the whole run (it builds the page either way). */
  sandboxCpuPerCall: number;
  peakRss: number;
}

/** `CONNECTIONS` keep-alive connections, each sending the next call as its answer ends. */
async function load(target: Target, seconds: number): Promise<Run> {
  const pool = new Pool(target.origin, { connections: CONNECTIONS, pipelining: 1 });
  let ok = 0;
  let failed = 0;
  let peakRss = rssOf(target.pid);
  const windows: number[] = [];
  let last = { cpu: cpuOf(target.pid), ok: 0 };
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(target.pid))), 10);
  const windowTimer = setInterval(() => {
    const cpu = cpuOf(target.pid);
    if (ok > last.ok) windows.push((cpu - last.cpu) / (ok - last.ok));
    last = { cpu, ok };
  }, 1000);
  const sandboxCpu = cpuOf(sandboxPid);
  const end = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const r = await pool.request({ method: 'GET', path: target.path, headers: target.headers });
      await r.body.dump({ limit: Infinity });
      if (r.statusCode === 200) ok += 1;
      else failed += 1;
    }
  };
  const t = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = (performance.now() - t) / 1000;
  clearInterval(sampler);
  clearInterval(windowTimer);
  await pool.close();
  const sandboxCpuPerCall = (cpuOf(sandboxPid) - sandboxCpu) / ok;
  return { perSecond: ok / elapsed, failed, cpuPerCall: windows, sandboxCpuPerCall, peakRss };
}

/** `DOWNLOADS` downloads of the same file at once through the proxy; the proxy's peak RSS. */
async function downloads(id: string): Promise<{ peakRss: number; ms: number; short: number }> {
  const pool = new Pool(proxy.url, { connections: DOWNLOADS });
  let peakRss = rssOf(proxyPid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(proxyPid))), 10);
  const t = performance.now();
  let short = 0;
  await Promise.all(
    Array.from({ length: DOWNLOADS }, async () => {
      const r = await pool.request({
        method: 'GET',
        path: `/api/records/Contacts/${BIG_RECORD}/attachments/${id}`,
        headers: viaProxy.headers,
      });
      let bytes = 0;
      for await (const chunk of r.body) bytes += (chunk as Buffer).length;
      if (bytes !== DOWNLOAD_BYTES) short += 1;
    }),
  );
  const ms = performance.now() - t;
  clearInterval(sampler);
  await pool.close();
  return { peakRss: Math.max(peakRss, rssOf(proxyPid)), ms, short };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

// Warm up the four paths: JIT, keep-alive sockets, the access token.
await load(viaProxy, 2);
await load(direct, 1);
await load(viaSignedIn, 1);
await load(viaBare, 1);
await new Promise((resolve) => setTimeout(resolve, 1000));
const rest = rssOf(proxyPid);

// Alternate the four columns, twice, so that drift on a shared machine hits them alike.
const runs = {
  proxy: [] as Run[],
  direct: [] as Run[],
  signedIn: [] as Run[],
  bare: [] as Run[],
};
for (let i = 0; i < 2; i += 1) {
  runs.direct.push(await load(direct, SECONDS / 2));
  runs.proxy.push(await load(viaProxy, SECONDS / 2));
  runs.signedIn.push(await load(viaSignedIn, SECONDS / 2));
  runs.bare.push(await load(viaBare, SECONDS / 2));
}
const sum = (rs: Run[], f: (r: Run) => number) => rs.reduce((a, r) => a + f(r), 0);
/** A column's calls per second, the mean of its runs. */
const rateOf = (rs: Run[]) => sum(rs, (r) => r.perSecond) / rs.length;
/** A column's CPU per call: the median of all its runs' one-second windows. */
const cpuPerCallOf = (rs: Run[]) => median(rs.flatMap((r) => r.cpuPerCall));
const proxyRate = rateOf(runs.proxy);
const directRate = rateOf(runs.direct);
const cpuPerCall = cpuPerCallOf(runs.proxy);
const signedInCpuPerCall = cpuPerCallOf(runs.signedIn);
const signedInRate = rateOf(runs.signedIn);
const bareCpuPerCall = cpuPerCallOf(runs.bare);
const bareRate = rateOf(runs.bare);
const sandboxCpuPerCall = median(runs.direct.map((r) => r.sandboxCpuPerCall));
const listingPeak = Math.max(...runs.proxy.map((r) => r.peakRss));

const upload = await postGenerated(
  `${sandbox.url}/bigin/v2/Contacts/${BIG_RECORD}/Attachments`,
  { authorization: `Zoho-oauthtoken ${token}` },
  'hundred-mb.bin',
  DOWNLOAD_BYTES,
);
if (upload.status !== 200) throw new Error(`upload to the sandbox: ${upload.status}`);
const bigId = (JSON.parse(upload.body) as { data: { details: { id: string } }[] }).data[0]!.details
  .id;
await new Promise((resolve) => setTimeout(resolve, 1000));
const downloadRest = rssOf(proxyPid);
const down = await downloads(bigId);

const row = (label: string, figure: string, baseline: string, goal: string) =>
  console.log(`${label.padEnd(50)} ${figure.padStart(12)} ${baseline.padStart(14)}  ${goal}`);
console.log(
  `Node ${process.version}; proxy (log on, info, to a pipe) and sandbox in child processes; ` +
    `${CONNECTIONS} connections, ${SECONDS} s per column. Proxy RSS at rest: ${MB(rest)}.`,
);
row('', 'figure', 'baseline', 'goal');
row(
  `200-row list calls per second, ${CONNECTIONS} connections`,
  proxyRate.toFixed(0),
  `${directRate.toFixed(0)} direct`,
  `at least 0.85x direct: ${(proxyRate / directRate).toFixed(2)}x (issue start: 0.63x)`,
);
row(
  'proxy CPU per list call (median of 1 s windows)',
  `${cpuPerCall.toFixed(0)} µs`,
  '440-560 µs',
  'at most 200 µs (baseline: the issue start)',
);
row(
  'the same, users signed in (a session per call)',
  `${signedInCpuPerCall.toFixed(0)} µs`,
  `${signedInRate.toFixed(0)}/s`,
  'the above is service mode: one user, no stored session',
);
row(
  'a bare Node forwarder: CPU per list call',
  `${bareCpuPerCall.toFixed(0)} µs`,
  `${bareRate.toFixed(0)}/s`,
  'the floor: bench/bare-forwarder.ts, no proxy work at all',
);
row(
  'sandbox CPU per direct call (it builds the page)',
  `${sandboxCpuPerCall.toFixed(0)} µs`,
  '',
  'for comparison: the same 200 rows, serialised and sent',
);
row(
  `peak proxy RSS above rest, ${CONNECTIONS}-connection listing`,
  `+${MB(listingPeak - rest)}`,
  '',
  'at most +100 MB',
);
row(
  `peak proxy RSS above rest, ${DOWNLOADS} x 100 MB downloads`,
  `+${MB(down.peakRss - downloadRest)}`,
  '',
  `at most +100 MB (${((DOWNLOADS * DOWNLOAD_BYTES) / 1024 / 1024 / (down.ms / 1000)).toFixed(0)} MB/s in all)`,
);
// Every column's: a column whose calls fail (a lost sign-in, say) prints figures of no worth.
const failed = Object.values(runs).reduce((n, rs) => n + sum(rs, (r) => r.failed), 0);
if (failed || down.short) console.log(`!! ${failed} calls failed, ${down.short} downloads short`);

await proxy.close();
await signedInProxy.close();
await bare.close();
await sandbox.close();

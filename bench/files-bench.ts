/**
 * Moving large files through the proxy: its peak memory (RSS, sampled from /proc) while a 1 GiB
 * upload and a 1 GiB download stream through it, against its memory at rest (target: at most
 * +100 MB); the time to the first byte of a download (target: at most 100 ms); and throughput
 * beside the same transfer straight to the sandbox.
 *
 * The proxy and the sandbox each run in a child process of their own, so the proxy's figures are
 * its own. Bytes are made as they are sent and dropped as they arrive: nothing holds 1 GiB here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mintSandboxToken } from '../src/cli/sandbox-token.ts';
import { TestBrowser } from '../src/server/test-support/browser.ts';
import {
  proxyEnvFor,
  spawnSandbox,
  spawnTs,
} from '../src/server/test-support/child-process-stack.ts';
import { appWrite, csrfTokenOf, postGenerated } from '../src/server/test-support/upload-client.ts';

const GIB = 1024 * 1024 * 1024;
const LIMIT_MB = 1100;
const RECORD = '4150868000002728101';
const SMALL = { record: '1000000231009', id: '4150868000004100001' };
const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const sandbox = await spawnSandbox(LIMIT_MB);
const proxy = await spawnTs(
  path.join(root, 'src/server/main.ts'),
  proxyEnvFor(sandbox.url, LIMIT_MB),
  /Bigin Attachments at (http:\/\/\S+)/,
);
const token = await mintSandboxToken(sandbox.url, 'Patricia Boyle');
const browser = new TestBrowser(proxy.url);
const csrf = await csrfTokenOf(browser);

const rssOf = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

/** Runs `work` while sampling the proxy's RSS every 10 ms; the peak and the time taken. */
async function sampled(work: () => Promise<void>): Promise<{ peak: number; ms: number }> {
  let peak = rssOf(proxy.process.pid!);
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(proxy.process.pid!))), 10);
  const t = performance.now();
  await work();
  const ms = performance.now() - t;
  clearInterval(timer);
  return { peak: Math.max(peak, rssOf(proxy.process.pid!)), ms };
}

/** Reads a download to its end, dropping the bytes; time to first byte and bytes read. */
async function drain(url: string, headers: Record<string, string>) {
  const t = performance.now();
  const r = await fetch(url, { headers });
  let ttfb = 0;
  let bytes = 0;
  for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
    if (bytes === 0) ttfb = performance.now() - t;
    bytes += chunk.length;
  }
  return { ttfb, bytes };
}

const viaProxy = { cookie: '' };
const direct = { Authorization: `Zoho-oauthtoken ${token}` };
const proxyUrl = (id: string, record = RECORD) =>
  `${proxy.url}/api/records/Contacts/${record}/attachments/${id}`;
const directUrl = (id: string, record = RECORD) =>
  `${sandbox.url}/bigin/v2/Contacts/${record}/Attachments/${id}`;

// Warm up: the access token, JIT, keep-alive sockets.
viaProxy.cookie = browser.cookieHeader;
for (let i = 0; i < 20; i++) {
  await drain(proxyUrl(SMALL.id, SMALL.record), viaProxy);
  await drain(directUrl(SMALL.id, SMALL.record), direct);
}
await new Promise((resolve) => setTimeout(resolve, 500));
const rest = rssOf(proxy.process.pid!);

const ttfbs = { proxy: [] as number[], direct: [] as number[] };
for (let i = 0; i < 30; i++) {
  ttfbs.proxy.push((await drain(proxyUrl(SMALL.id, SMALL.record), viaProxy)).ttfb);
  ttfbs.direct.push((await drain(directUrl(SMALL.id, SMALL.record), direct)).ttfb);
}

let uploadedId = '';
const up = await sampled(async () => {
  const r = await postGenerated(
    `${proxy.url}/api/records/Contacts/${RECORD}/attachments`,
    { ...appWrite(browser, csrf), cookie: browser.cookieHeader },
    'one-gib.bin',
    GIB,
  );
  if (r.status !== 200) throw new Error(`upload through the proxy: ${r.status} ${r.body}`);
  uploadedId = (JSON.parse(r.body) as { data: { details: { id: string } }[] }).data[0]!.details.id;
});
const t0 = performance.now();
const upDirect = await postGenerated(
  `${sandbox.url}/bigin/v2/Contacts/${RECORD}/Attachments`,
  direct,
  'one-gib-direct.bin',
  GIB,
);
const upDirectMs = performance.now() - t0;
if (upDirect.status !== 200) throw new Error(`direct upload: ${upDirect.status}`);

let big = { ttfb: 0, bytes: 0 };
const down = await sampled(async () => {
  big = await drain(proxyUrl(uploadedId), viaProxy);
});
const t1 = performance.now();
const bigDirect = await drain(directUrl(uploadedId), direct);
const downDirectMs = performance.now() - t1;
if (big.bytes !== GIB || bigDirect.bytes !== GIB) throw new Error('a download came back short');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rate = (ms: number) => `${(GIB / 1024 / 1024 / (ms / 1000)).toFixed(0)} MB/s`;
const row = (label: string, a: string, b: string, note = '') =>
  console.log(`${label.padEnd(46)} ${a.padStart(12)} ${b.padStart(12)}  ${note}`);

console.log(`Node ${process.version}; proxy and sandbox in child processes, over loopback.`);
console.log(`Proxy RSS at rest: ${MB(rest)}.`);
row('', 'via proxy', 'direct');
row(
  'peak proxy RSS above rest, 1 GiB upload',
  `+${MB(up.peak - rest)}`,
  '',
  'target: at most +100 MB',
);
row(
  'peak proxy RSS above rest, 1 GiB download',
  `+${MB(down.peak - rest)}`,
  '',
  'target: at most +100 MB',
);
row('upload 1 GiB', rate(up.ms), rate(upDirectMs));
row('download 1 GiB', rate(down.ms), rate(downDirectMs));
row(
  'time to first byte, 1 GiB download',
  `${big.ttfb.toFixed(1)} ms`,
  '',
  'target: at most 100 ms',
);
row(
  'time to first byte, 48 KB PNG (median of 30)',
  `${median(ttfbs.proxy).toFixed(2)} ms`,
  `${median(ttfbs.direct).toFixed(2)} ms`,
  'target: at most 100 ms',
);

await proxy.close();
await sandbox.close();

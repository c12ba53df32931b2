/**
 * What the proxy costs, measured against a direct call to the same upstream in the same run:
 * the latency it adds (median and p90), the ratio against an upstream that takes 20 ms, the CPU
 * time it adds per request (one call at a time, the page of 200 items Bigin sends at most; the
 * request log on), and how many upstream calls one listed page takes.
 *
 * The upstream is a plain node:http server answering Bigin's attachment list (the documented
 * sample) and Zoho's token endpoint, so that it costs the same in both columns.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { docSampleAttachmentList } from '../src/shared/doc-samples.ts';
import { buildApp } from '../src/server/app.ts';
import { logDestination } from '../src/server/request-log.ts';
import { AccountsClient } from '../src/server/zoho/accounts-client.ts';
import { BiginClient } from '../src/server/zoho/bigin-client.ts';
import { TrustedOrigins } from '../src/server/zoho/data-centres.ts';
import { TokenManager } from '../src/server/zoho/token-manager.ts';
import { Upstream } from '../src/server/zoho/upstream.ts';

const RECORD = '4150868000002728001';
/** A full page: Bigin's sample item 200 times over, each with an id of its own. */
const LIST_BODY = JSON.stringify({
  data: Array.from({ length: 200 }, (_, i) => ({
    ...docSampleAttachmentList.data[0],
    id: String(4150868000002728012n + BigInt(i)),
  })),
  info: { ...docSampleAttachmentList.info, per_page: 200, count: 200 },
});
/**
 * The same page with its first file renamed: answered in turn with LIST_BODY when `changing`,
 * so that Bigin's bytes differ from the last ones on every call and the proxy cannot send the
 * page it made before (plain-attachment-list.ts): it parses and checks each one.
 */
const RENAMED_BODY = LIST_BODY.replace('"File_Name":"', '"File_Name":"renamed ');
let changing = false;
let upstreamDelayMs = 0;
let biginCalls = 0;
let tokenCalls = 0;

const upstream: Server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/oauth/v2/token') {
    tokenCalls += 1;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          access_token: 'bench-access-token',
          api_domain: upstreamUrl(),
          token_type: 'Bearer',
          expires_in: 3600,
        }),
      );
    });
    return;
  }
  biginCalls += 1;
  const answer = () => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(changing && biginCalls % 2 === 0 ? RENAMED_BODY : LIST_BODY);
  };
  if (upstreamDelayMs) setTimeout(answer, upstreamDelayMs);
  else answer();
});
upstream.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
const upstreamUrl = () => `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;

const trusted = new TrustedOrigins({ accounts: [upstreamUrl()], api: [upstreamUrl()] });
const accounts = new AccountsClient({ client: { clientId: 'id', clientSecret: 's' }, trusted });
const tokens = new TokenManager({
  accounts,
  accountsServer: upstreamUrl(),
  refreshToken: 'bench-refresh-token',
});
let proxyUrl = '';
const app = await buildApp({
  bigin: new BiginClient({ upstream: new Upstream() }),
  sessionSecret: 'bench'.repeat(10),
  publicUrl: () => proxyUrl,
  serviceTokens: tokens,
  rateLimitPerMinute: false,
  // The request log on, as `npm start` runs: a line per request, written as main.ts writes
  // stdout's, to /dev/null.
  logger: { level: 'info', stream: logDestination('/dev/null') },
});
await app.listen({ host: '127.0.0.1', port: 0 });
proxyUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

const directPath = `${upstreamUrl()}/bigin/v2/Contacts/${RECORD}/Attachments?page=1&per_page=200`;
const proxyPath = `${proxyUrl}/api/records/Contacts/${RECORD}/attachments?page=1&per_page=200`;

async function direct(): Promise<void> {
  const r = await fetch(directPath, {
    headers: { Authorization: 'Zoho-oauthtoken x', ...identity },
  });
  await r.json();
}
/**
 * Uncompressed, as the goal's load tools ask (fetch would ask for gzip, which the proxy then
 * spends CPU on: measured apart, `gzipped`).
 */
const identity = { 'accept-encoding': 'identity' };
async function viaProxy(): Promise<void> {
  const r = await fetch(proxyPath, { headers: identity });
  if (r.status !== 200) throw new Error(`proxy answered ${r.status}`);
  await r.json();
}

interface Sample {
  latencies: number[];
  cpuMicros: number;
}

/** Alternates blocks of the two kinds so that drift (GC, JIT, CPU frequency) hits both alike. */
async function measure(n: number, block: number): Promise<{ direct: Sample; proxy: Sample }> {
  const out = {
    direct: { latencies: [], cpuMicros: 0 },
    proxy: { latencies: [], cpuMicros: 0 },
  } as {
    direct: Sample;
    proxy: Sample;
  };
  for (let done = 0; done < n; done += block) {
    for (const [kind, call] of [
      ['direct', direct],
      ['proxy', viaProxy],
    ] as const) {
      const cpu = process.cpuUsage();
      for (let i = 0; i < block; i += 1) {
        const t = performance.now();
        await call();
        out[kind].latencies.push(performance.now() - t);
      }
      const used = process.cpuUsage(cpu);
      out[kind].cpuMicros += used.user + used.system;
    }
  }
  return out;
}

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (x: number) => `${x.toFixed(3)} ms`;

// Warm up: JIT, keep-alive sockets, the access token.
await measure(400, 100);

const fast = await measure(4000, 200);
/** The proxy's CPU per call when the browser takes gzip, as browsers do. */
async function gzipped(n: number): Promise<number> {
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i += 1) await (await fetch(proxyPath)).arrayBuffer();
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / n;
}
const gzipCpu = await gzipped(1000);
changing = true;
const changed = await measure(2000, 200);
changing = false;
upstreamDelayMs = 20;
const slow = await measure(200, 20);
upstreamDelayMs = 0;

biginCalls = 0;
tokenCalls = 0;
const PAGES = 200;
for (let i = 0; i < PAGES; i += 1) await viaProxy();

const row = (label: string, proxy: string, baseline: string, note = '') =>
  console.log(`${label.padEnd(48)} ${proxy.padStart(14)} ${baseline.padStart(14)}  ${note}`);
console.log(`Node ${process.version}; proxy, upstream and client in one process, over loopback.`);
row('', 'via proxy', 'direct');
const fastProxy = quantile(fast.proxy.latencies, 0.5);
const fastDirect = quantile(fast.direct.latencies, 0.5);
row(
  'median latency (upstream answers at once)',
  ms(fastProxy),
  ms(fastDirect),
  `adds ${ms(fastProxy - fastDirect)}`,
);
row(
  'p90 latency (upstream answers at once)',
  ms(quantile(fast.proxy.latencies, 0.9)),
  ms(quantile(fast.direct.latencies, 0.9)),
);
const slowProxy = quantile(slow.proxy.latencies, 0.5);
const slowDirect = quantile(slow.direct.latencies, 0.5);
row(
  'median latency (upstream takes 20 ms)',
  ms(slowProxy),
  ms(slowDirect),
  `ratio ${(slowProxy / slowDirect).toFixed(3)}x`,
);
const perCall = (sample: Sample) => sample.cpuMicros / sample.latencies.length;
/** A CPU row: all three parties through the proxy and directly, and the difference, its share. */
const cpuRow = (label: string, proxy: number, direct: number, note = '') =>
  row(
    label,
    `${proxy.toFixed(0)} µs`,
    `${direct.toFixed(0)} µs`,
    `the proxy's share: ${(proxy - direct).toFixed(0)} µs${note}`,
  );
const cpuDirect = perCall(fast.direct);
cpuRow(
  'CPU per request (all three parties)',
  perCall(fast.proxy),
  cpuDirect,
  ' (goal: at most 200 µs)',
);
cpuRow(
  'CPU per request, page changed every call',
  perCall(changed.proxy),
  perCall(changed.direct),
  ' (parsed and checked)',
);
cpuRow('CPU per request, gzip asked (all three parties)', gzipCpu, cpuDirect);
row(
  'upstream calls per page listed',
  (biginCalls / PAGES).toFixed(2),
  '1.00',
  `token requests during ${PAGES} pages: ${tokenCalls}`,
);

await app.close();
upstream.closeAllConnections();
upstream.close();

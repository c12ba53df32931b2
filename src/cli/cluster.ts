/**
 * `npm run cluster`: the README's "Running several instances", on this machine: a Redis server
 * (found or installed as `npm test` does), the sandbox on its own, three proxies sharing that
 * Redis on ports of their own, and a small round-robin balancer in front at PORT (8080). Prints
 * the address to open and the demo user to choose; Ctrl-C stops what it started, and nothing
 * else.
 */
import { DEMO_USERS } from '../sandbox/seed.ts';
import { startTestRedis, type TestRedis } from '../server/test-support/redis-server.ts';
import { PrerequisiteError, systemHost } from './prerequisites/host.ts';
import { describeRedisServer, getRedisServer } from './prerequisites/redis.ts';
import { startCluster, type Cluster } from './cluster/topology.ts';

const PROXIES = 3;
const port = Number(process.env.PORT || 8080);
const sandboxPort = Number(process.env.SANDBOX_PORT || 8090);

let redis: TestRedis | undefined;
let cluster: Cluster | undefined;
let stopping = false;

async function stop(code: number): Promise<never> {
  stopping = true;
  await cluster?.stop();
  await redis?.stop();
  process.exit(code);
}

try {
  const host = systemHost();
  const server = getRedisServer(host);
  host.log(describeRedisServer(host, server));
  // The helper the tests use: a redis-server on a free port, keeping nothing on disk.
  process.env.REDIS_SERVER_PATH = server.path;
  redis = await startTestRedis();
  console.log(`Redis at ${redis.url}: it keeps nothing on disk, so stopping signs everyone out`);
  cluster = await startCluster({
    proxies: PROXIES,
    redisUrl: redis.url,
    balancerPort: port,
    sandboxPort,
    sandboxDataDir: process.env.DATA_DIR || 'data/sandbox',
    proxyDataDir: 'data/cluster',
    appDistDir: process.env.APP_DIST_DIR || 'dist',
    output: (name, line) => {
      // The proxies' own start-up lines name their PUBLIC_URL (the balancer): said once, below.
      if (!stopping && !/^(Bigin Attachments at|Open |Using Zoho)/.test(line)) {
        console.log(`[${name}] ${line}`);
      }
    },
  });
} catch (error) {
  console.error(error instanceof PrerequisiteError ? error.message : error);
  await stop(1);
}

const [everything, ...others] = DEMO_USERS;
console.log(
  `Sandbox (a local stand-in for Zoho Bigin and Zoho Accounts) at ${cluster!.sandboxUrl}`,
);
for (const proxy of cluster!.proxies) console.log(`${proxy.name} at ${proxy.url}`);
console.log(
  `Round-robin balancer at ${cluster!.url}, sending each request to the next ready instance`,
);
console.log(
  `Open ${cluster!.url} and choose ${everything!.name} on the sandbox's sign-in page (${everything!.shows}); ` +
    `${others.map((user) => user.name).join(', ')} show Bigin's refusals.`,
);
console.log('Ctrl-C stops them all.');

const onSignal = () => {
  if (stopping) return;
  console.log('Stopping the balancer, the proxies (each drains), the sandbox and Redis...');
  void stop(0);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

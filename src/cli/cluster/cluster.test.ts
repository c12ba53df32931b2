/**
 * The topology `npm run cluster` starts, as a deploy meets it: three instances on one Redis
 * behind the round-robin balancer, one of them stopped (SIGTERM) while a signed-in user's
 * requests flow. Nothing is lost: the stopping instance leaves the balancer's rotation by its
 * /readyz, and a request it refuses goes to another instance.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../../server/test-support/redis-server.ts';
import { signInAtConsentPage } from './consent-sign-in.ts';
import { startCluster, stopProcess, type Cluster } from './topology.ts';

const LIST = '/api/records/Contacts/4150868000002728001/attachments?page=1&per_page=200';

let redis: TestRedis;
let cluster: Cluster;
const dataDir = mkdtempSync(path.join(tmpdir(), 'cluster-test-'));

beforeAll(async () => {
  redis = await startTestRedis();
  cluster = await startCluster({
    proxies: 3,
    redisUrl: redis.url,
    sandboxDataDir: path.join(dataDir, 'sandbox'),
    proxyDataDir: dataDir,
    appDistDir: path.join(dataDir, 'no-app'),
    // Four loops of list calls as fast as the machine goes: what is tested is the drain, not the
    // session's rate limit, which a fast machine would otherwise reach within the test.
    proxyEnv: { RATE_LIMIT_PER_MINUTE: '1000000' },
  });
}, 90_000);

afterAll(async () => {
  await cluster?.stop();
  await redis?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('a rolling restart behind the balancer', () => {
  it("loses none of a signed-in user's requests while an instance drains and exits", async () => {
    const cookie = await signInAtConsentPage(cluster.url);
    const statuses = new Map<number, number>();
    let running = true;
    const user = async () => {
      while (running) {
        const r = await fetch(`${cluster.url}${LIST}`, { headers: { cookie } });
        await r.arrayBuffer();
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    };
    // Four tabs' worth of requests, all the while.
    const users = Array.from({ length: 4 }, user);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [stopping] = cluster.proxies;
    await stopProcess(stopping!);
    expect(stopping!.process.exitCode).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    running = false;
    await Promise.all(users);

    expect([...statuses.keys()]).toEqual([200]);
    expect(statuses.get(200)).toBeGreaterThan(50);
    // The balancer's health check saw it leave.
    expect(cluster.balancer.ready()).toEqual(cluster.proxies.slice(1).map((p) => p.url));
  }, 60_000);
});

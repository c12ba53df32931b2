import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildSandbox } from '../sandbox/app.ts';
import { SANDBOX_CLIENT } from '../sandbox/sandbox-client.ts';
import { LINKS_RECORD_ID } from '../sandbox/seed-ids.ts';
import { DOC_SAMPLE_RECORD_ID } from '../shared/doc-samples.ts';
import { listeningUrl } from '../shared/listening-url.ts';
import { buildApp } from './app.ts';
import { RedisStore } from './state/redis-store.ts';
import { SharedSemaphore } from './state/shared-semaphore.ts';
import { TestBrowser } from './test-support/browser.ts';
import { proxyEnvFor, spawnTs } from './test-support/child-process-stack.ts';
import { startTestRedis, type TestRedis } from './test-support/redis-server.ts';
import { startRoundRobin, type RoundRobin } from './test-support/round-robin.ts';
import { signInAtSandbox } from './test-support/sandbox-sign-in.ts';
import { tempDataDir } from './test-support/temp-data-dir.ts';
import { AccountsClient } from './zoho/accounts-client.ts';
import { BiginClient } from './zoho/bigin-client.ts';
import { TrustedOrigins } from './zoho/data-centres.ts';
import { Upstream } from './zoho/upstream.ts';

/**
 * Three proxies on one Redis behind a round-robin balancer with no sticky sessions, in front of
 * one sandbox whose Bigin allows 5 calls in flight: over real sockets, as a deployment runs.
 */
const ATTACHMENTS = `/api/records/Contacts/${DOC_SAMPLE_RECORD_ID}/attachments`;
const SECRET = 'several-instances-secret-'.repeat(2);
const here = path.dirname(new URL(import.meta.url).pathname);

let redis: TestRedis;
let clock: number;
const now = () => clock;
let sandbox: FastifyInstance;
let sandboxUrl: string;
let balancer: RoundRobin;
let instances: { url: string; app: FastifyInstance; state: RedisStore }[];
/** What every instance saw of Zoho: refreshes asked for, Bigin's statuses, calls in flight. */
let seen: { refreshes: number; biginStatuses: number[]; inFlight: number; maxInFlight: number };

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis.stop();
});

beforeEach(async () => {
  clock = Date.now();
  seen = { refreshes: 0, biginStatuses: [], inFlight: 0, maxInFlight: 0 };
  sandbox = await buildSandbox({ controlRoutes: true, now, maxConcurrentCalls: 5 });
  await sandbox.listen({ host: '127.0.0.1', port: 0 });
  sandboxUrl = listeningUrl(sandbox.server.address())!;
  instances = [];
  balancer = await startRoundRobin(() => instances.map((i) => i.url));
  for (let i = 0; i < 3; i++) instances.push(await startInstance());
});

afterEach(async () => {
  await balancer.close();
  for (const instance of instances) {
    await instance.app.close();
    await instance.state.close();
  }
  await sandbox.close();
  const flush = await RedisStore.connect({ url: redis.url });
  await flush.client.flushall();
  await flush.close();
});

/** One proxy as start() builds it with REDIS_URL, listening on a port of its own. */
async function startInstance() {
  const state = await RedisStore.connect({ url: redis.url });
  const trusted = new TrustedOrigins({ accounts: [sandboxUrl], api: [sandboxUrl] });
  const accountsFetch: typeof fetch = async (input, init) => {
    const form = init?.body instanceof URLSearchParams ? init.body : undefined;
    if (form?.get('grant_type') === 'refresh_token') seen.refreshes += 1;
    return fetch(input, init);
  };
  const biginFetch: typeof fetch = async (input, init) => {
    seen.inFlight += 1;
    seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
    try {
      const response = await fetch(input, init);
      seen.biginStatuses.push(response.status);
      const body = await response.arrayBuffer();
      return new Response(response.status === 204 ? null : body, response);
    } finally {
      seen.inFlight -= 1;
    }
  };
  const accounts = new AccountsClient({
    client: { clientId: SANDBOX_CLIENT.id, clientSecret: SANDBOX_CLIENT.secret },
    trusted,
    fetch: accountsFetch,
    now,
  });
  const upstream = new Upstream({
    maxInFlight: 5,
    fetch: biginFetch,
    limiter: (org) => new SharedSemaphore(state, `bigin-slots:${org}`, 5, { leaseMs: 2000 }),
  });
  const app = await buildApp({
    bigin: new BiginClient({ upstream }),
    sessionSecret: SECRET,
    publicUrl: () => balancer.url,
    state,
    signIn: {
      mode: 'sandbox',
      accounts,
      clientId: SANDBOX_CLIENT.id,
      accountsUrl: sandboxUrl,
      trusted,
      tokenOptions: { now },
    },
    sessionStore: { now },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: listeningUrl(app.server.address())!, app, state };
}

async function signedIn(browser = new TestBrowser(balancer.url)) {
  expect((await signInAtSandbox(browser, 'Patricia Boyle')).status).toBe(303);
  return browser;
}

const sandboxControl = (method: string, route: string, body?: unknown) =>
  fetch(`${sandboxUrl}/__sandbox/${route}`, {
    method,
    ...(body
      ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
      : {}),
  });

describe('three instances behind a round-robin balancer, sharing Redis', () => {
  it('sign 50 people in and answer 1,000 calls spread over all three, every one', async () => {
    // Ten browsers at once, each signing in five times (each sign-in replacing its last, as Zoho
    // keeps 20 refresh tokens per user) and making 20 calls after each.
    const statuses: number[] = [];
    let signIns = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const browser = new TestBrowser(balancer.url);
        for (let round = 0; round < 5; round++) {
          await signedIn(browser);
          signIns += 1;
          expect((await (await browser.fetch('/api/session')).json()).signedIn).toBe(true);
          for (let call = 0; call < 20; call++) {
            statuses.push((await browser.fetch(ATTACHMENTS)).status);
          }
        }
      }),
    );
    expect(signIns).toBe(50);
    expect(statuses).toHaveLength(1000);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // Every instance took its share, sign-ins and callbacks included.
    const perInstance = [0, 1, 2].map((i) => balancer.sentTo.filter((s) => s === i).length);
    for (const count of perInstance) expect(count).toBeGreaterThan(300);
    expect(seen.biginStatuses.filter((s) => s === 429)).toEqual([]);
  }, 120_000);

  it('keep 100 concurrent list calls within the organisation’s 5 in flight: no 429', async () => {
    await sandboxControl('POST', 'faults', {
      kind: 'latency',
      match: { recordId: DOC_SAMPLE_RECORD_ID },
      latencyMs: 30,
    });
    const browsers = await Promise.all(Array.from({ length: 4 }, () => signedIn()));
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => browsers[i % 4]!.fetch(ATTACHMENTS)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));
    expect(seen.biginStatuses).toHaveLength(100);
    expect(seen.biginStatuses.filter((s) => s === 429)).toEqual([]);
    expect(seen.maxInFlight).toBe(5);
  }, 60_000);

  it('refresh an expired access token once for 100 concurrent requests on all three', async () => {
    const browser = await signedIn();
    expect((await browser.fetch(ATTACHMENTS)).status).toBe(200);
    expect(seen.refreshes).toBe(0);
    // The access token (an hour) is past its time, for the sandbox and for every instance.
    clock += 2 * 3600_000;
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => browser.fetch(ATTACHMENTS)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));
    expect(seen.refreshes).toBe(1);
    expect(new Set(balancer.sentTo.slice(-100))).toEqual(new Set([0, 1, 2]));
  }, 60_000);

  it('keep a session through a restart of every instance (a deploy), and after it', async () => {
    const browser = await signedIn();
    const before = await (await browser.fetch('/api/session')).json();
    for (const [i, instance] of instances.entries()) {
      await instance.app.close();
      await instance.state.close();
      instances[i] = await startInstance();
    }
    expect(await (await browser.fetch('/api/session')).json()).toEqual(before);
    for (let i = 0; i < 6; i++) expect((await browser.fetch(ATTACHMENTS)).status).toBe(200);
  });

  it('get a killed instance’s Bigin slots back within its lease', async () => {
    // A fourth instance in a process of its own, holding all 5 slots on a record Bigin is slow
    // to answer, with leases of 2 s.
    const dying = await spawnTs(
      path.join(here, 'main.ts'),
      {
        ...proxyEnvFor(sandboxUrl, 20),
        REDIS_URL: redis.url,
        BIGIN_SLOT_LEASE_SECONDS: '2',
        // Its five held calls come from one caller: a share of 5 lets them take every slot.
        BIGIN_FAIR_SHARE: '5',
        DATA_DIR: tempDataDir(),
      },
      /Bigin Attachments at (http:\/\/\S+)/,
    );
    try {
      await sandboxControl('POST', 'faults', {
        kind: 'latency',
        match: { recordId: LINKS_RECORD_ID },
        latencyMs: 60_000,
      });
      const held = Array.from({ length: 5 }, () =>
        fetch(`${dying.url}/api/records/Contacts/${LINKS_RECORD_ID}/attachments`).catch(
          () => undefined,
        ),
      );
      await expect
        .poll(async () => (await (await sandboxControl('GET', 'limits')).json()).inFlight)
        .toBe(5);
      const browser = await signedIn();
      const waiting = browser.fetch(ATTACHMENTS).then((answer) => ({ answer, at: Date.now() }));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const killedAt = Date.now();
      dying.process.kill('SIGKILL');
      const { answer, at } = await waiting;
      expect(answer.status).toBe(200);
      // It waited for the dead instance's slots, and had them back within their lease.
      expect(at).toBeGreaterThan(killedAt);
      expect(at - killedAt).toBeLessThan(2000 + 1000);
      expect(seen.biginStatuses).toEqual([200]);
      await Promise.all(held);
    } finally {
      // Gone already, unless the test failed before the kill.
      if (dying.process.signalCode === null) await dying.close();
    }
  }, 30_000);

  it('answer PROXY_STATE_UNAVAILABLE at once while Redis is gone, and serve again once it is back', async () => {
    const browser = await signedIn();
    await redis.stop();
    const started = Date.now();
    for (const route of [ATTACHMENTS, '/api/session']) {
      const answer = await browser.fetch(route);
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect((await answer.json()).code).toBe('PROXY_STATE_UNAVAILABLE');
    }
    // A write, too, is refused as such rather than as a sign-out.
    const write = await browser.write('/auth/sign-out', 'POST', 'x');
    expect((await write.json()).code).toBe('PROXY_STATE_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(3000);
    await redis.restart();
    // This Redis keeps nothing on disk: the session went with it, and a new sign-in works.
    await expect
      .poll(async () => (await browser.fetch('/api/session')).status, { timeout: 5000 })
      .toBe(200);
    await signedIn(browser);
    expect((await browser.fetch(ATTACHMENTS)).status).toBe(200);
  }, 30_000);
});

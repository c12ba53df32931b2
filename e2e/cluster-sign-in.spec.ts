import { rmSync } from 'node:fs';
import { startCluster, type Cluster } from '../src/cli/cluster/topology.ts';
import { startTestRedis, type TestRedis } from '../src/server/test-support/redis-server.ts';
import { e2eRun } from './support/run-files.ts';
import { expect, test } from './support/test.ts';

/**
 * Three instances behind a round-robin balancer, with no sticky sessions, started here on free
 * ports of their own (a Redis, the sandbox apart from the one the other specs share, three
 * proxies on that Redis): a person signs in through the balancer and stays signed in, whichever
 * instance answers.
 */
const { distDir, dataDir } = e2eRun();
const clusterDataDir = `${dataDir}-cluster`;
const DEEP_LINK = '/Contacts/4150868000002728001';

let redis: TestRedis | undefined;
let cluster: Cluster | undefined;

test.describe.configure({ mode: 'serial' });
test.use({ demoUser: null });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  rmSync(clusterDataDir, { recursive: true, force: true });
  redis = await startTestRedis();
  cluster = await startCluster({
    proxies: 3,
    redisUrl: redis.url,
    sandboxDataDir: `${clusterDataDir}/sandbox`,
    proxyDataDir: clusterDataDir,
    appDistDir: distDir,
  });
});

test.afterAll(async () => {
  await cluster?.stop();
  await redis?.stop();
});

test('signing in through the balancer works whichever instance each step lands on', async ({
  page,
}) => {
  const url = cluster!.url;
  const before = cluster!.balancer.sent();

  // The sign-in's steps (the app's redirect, the callback, the page) go to different instances.
  await page.goto(`${url}${DEEP_LINK}`);
  await expect(page).toHaveURL(/\/oauth\/v2\/auth\?/);
  await page.getByRole('button', { name: 'Patricia Boyle', exact: true }).click();
  await expect(page).toHaveURL(`${url}${DEEP_LINK}`);
  await expect(
    page.getByRole('row', { name: /Screen Shot 2020-07-21 at 11\.27\.04 PM\.png/ }),
  ).toBeVisible();

  // Signed in on every instance: six calls in a row go round all three, twice.
  for (let i = 0; i < 6; i++) {
    const session = await (await page.request.get(`${url}/api/session`)).json();
    expect(session, `call ${i + 1}`).toMatchObject({ signedIn: true, mode: 'zoho' });
  }
  await page.reload();
  await expect(
    page.getByRole('row', { name: /Screen Shot 2020-07-21 at 11\.27\.04 PM\.png/ }),
  ).toBeVisible();

  const after = cluster!.balancer.sent();
  for (const proxy of cluster!.proxies) {
    expect(after[proxy.url]! - before[proxy.url]!, proxy.name).toBeGreaterThanOrEqual(3);
  }
});

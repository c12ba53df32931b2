import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_REQUEST_RECORD_ID } from '../../sandbox/seed-ids.ts';
import { apiPaths, previewLinksSchema } from '../../shared/api-contract.ts';
import { loadConfig } from '../config.ts';
import { start, type Started } from '../start.ts';
import { TestBrowser } from '../test-support/browser.ts';
import { startTestRedis, type TestRedis } from '../test-support/redis-server.ts';
import { signInAtSandbox } from '../test-support/sandbox-sign-in.ts';
import { tempDataDir } from '../test-support/temp-data-dir.ts';

const PNG_ID = '4150868000004100001';

/** `name`, signed in, with a preview link to the PNG and the rate limit left after minting it. */
async function linkFor(stack: Started, name: string) {
  const browser = new TestBrowser(stack.appUrl);
  await signInAtSandbox(browser, name);
  const minted = await browser.fetch(
    apiPaths.previewLinks('Contacts', DOC_REQUEST_RECORD_ID, [PNG_ID]),
  );
  expect(minted.status).toBe(200);
  const left = Number(minted.headers.get('x-ratelimit-remaining'));
  const link = previewLinksSchema.parse(await minted.json()).links[PNG_ID]!;
  return { browser, link, left };
}

const open = async (link: string, headers: Record<string, string> = {}) => {
  const answer = await fetch(link, { headers });
  return { answer, body: await answer.text() };
};

describe('a preview link opened past the rate limit, without Redis', () => {
  let stack: Started;
  beforeAll(async () => {
    stack = await start(
      loadConfig({
        PORT: '0',
        SANDBOX_PORT: '0',
        DATA_DIR: tempDataDir(),
        RATE_LIMIT_PER_MINUTE: '4',
      }),
      () => {},
    );
  });
  afterAll(() => stack.close());

  it('is refused with 429 and when to try again; another session’s links still open', async () => {
    const { link } = await linkFor(stack, 'Patricia Boyle');
    for (let i = 0; i < 4; i += 1) expect((await open(link)).answer.status).toBe(200);

    const refused = await open(link);
    expect(refused.answer.status).toBe(429);
    expect(JSON.parse(refused.body).code).toBe('PROXY_RATE_LIMITED');
    expect(Number(refused.answer.headers.get('retry-after'))).toBeGreaterThan(0);

    // In the preview panel's frame the user reads what happened and what to do.
    const framed = await open(link, { 'Sec-Fetch-Dest': 'iframe' });
    expect(framed.answer.status).toBe(429);
    expect(framed.body).toContain('Too many requests from this session');
    expect(framed.body).toMatch(/Wait \d+ seconds, then close the preview and open it again/);

    // The same user signed in on another computer: a session, and a count, of its own.
    const other = await linkFor(stack, 'Patricia Boyle');
    expect((await open(other.link)).answer.status).toBe(200);
  });
});

describe('with Redis, previews and the app’s calls of one session', () => {
  let redis: TestRedis;
  let stack: Started;
  beforeAll(async () => {
    redis = await startTestRedis();
    stack = await start(
      loadConfig({
        PORT: '0',
        SANDBOX_PORT: '0',
        DATA_DIR: tempDataDir(),
        REDIS_URL: redis.url,
        RATE_LIMIT_PER_MINUTE: '8',
      }),
      () => {},
    );
  });
  afterAll(async () => {
    await stack.close();
    await redis.stop();
  });

  it('share one count', async () => {
    const { browser, link, left } = await linkFor(stack, 'Patricia Boyle');
    expect(left).toBeGreaterThan(0);
    for (let i = 0; i < left; i += 1) expect((await open(link)).answer.status).toBe(200);
    // The previews used up what the app's origin had left for this session.
    const list = await browser.fetch(
      apiPaths.attachments('Contacts', DOC_REQUEST_RECORD_ID, 1, 200),
    );
    expect(list.status).toBe(429);
    expect(((await list.json()) as { code: string }).code).toBe('PROXY_RATE_LIMITED');
  });
});

describe('the preview origin behind a load balancer', () => {
  it('answers its health probe', async () => {
    const stack = await start(
      loadConfig({ PORT: '0', SANDBOX_PORT: '0', DATA_DIR: tempDataDir() }),
      () => {},
    );
    try {
      const answer = await fetch(`${stack.previewUrl}/healthz`);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ status: 'ok' });
    } finally {
      await stack.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_RECORD_ID } from '../../sandbox/seed-ids.ts';
import { loadConfig } from '../config.ts';
import { start, type Started } from '../start.ts';
import { TestBrowser } from '../test-support/browser.ts';
import { proxyEnvFor, spawnSandbox, type Child } from '../test-support/child-process-stack.ts';
import { appWrite, csrfTokenOf, postGenerated } from '../test-support/upload-client.ts';

const SIZE = 200 * 1024 * 1024;
const MAX_GROWTH = 60 * 1024 * 1024;
const base = `/api/records/Contacts/${EMPTY_RECORD_ID}/attachments`;

let sandbox: Child;
let proxy: Started;
let browser: TestBrowser;
let token: string;

beforeAll(async () => {
  // The sandbox holds what it is sent; in its own process it does not count against the proxy.
  sandbox = await spawnSandbox(300);
  proxy = await start(loadConfig(proxyEnvFor(sandbox.url, 300)), () => {});
  browser = new TestBrowser(proxy.appUrl);
  token = await csrfTokenOf(browser);
}, 30_000);
afterAll(async () => {
  await proxy?.close();
  await sandbox?.close();
});

/** The most this process's RSS rose above where it was at the start, while `work` ran. */
async function peakGrowth(work: () => Promise<void>): Promise<number> {
  const rest = process.memoryUsage().rss;
  let peak = rest;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().rss) - rest;
}

describe('streaming: a file far larger than what the proxy holds', () => {
  let id = '';

  it('uploads 200 MB without the proxy growing by anything near it', async () => {
    const growth = await peakGrowth(async () => {
      const r = await postGenerated(
        `${proxy.appUrl}${base}`,
        { ...appWrite(browser, token), cookie: browser.cookieHeader },
        'large.bin',
        SIZE,
      );
      expect(r.status).toBe(200);
      id = (JSON.parse(r.body) as { data: { details: { id: string } }[] }).data[0]!.details.id;
    });
    expect(growth).toBeLessThan(MAX_GROWTH);
  }, 60_000);

  it('downloads it without the proxy growing by anything near it', async () => {
    let received = 0;
    const growth = await peakGrowth(async () => {
      const r = await browser.fetch(`${base}/${id}`);
      expect(r.headers.get('content-length')).toBe(String(SIZE));
      for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
        received += chunk.length;
      }
    });
    expect(received).toBe(SIZE);
    expect(growth).toBeLessThan(MAX_GROWTH);
  }, 60_000);
});

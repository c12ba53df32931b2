/**
 * What a ZIP costs, over real sockets in front of the sandbox: Bigin's API credits (the sandbox
 * counts them) and the session's rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_REQUEST_RECORD_ID, THOUSAND_ATTACHMENTS_RECORD_ID } from '../../sandbox/seed-ids.ts';
import { fileStack } from '../test-support/file-stack.ts';
import { startTestRedis, type TestRedis } from '../test-support/redis-server.ts';
import { readZip } from '../test-support/read-zip.ts';
import { appWrite, csrfTokenOf } from '../test-support/upload-client.ts';

const REAL = '4150868000004100001';
/** Ids no record has: Bigin answers each with 204, after charging a credit for it. */
const madeUp = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `41508680000099${String(from + i).padStart(5, '0')}`);

async function stackWith(env: Record<string, string> = {}) {
  const s = await fileStack('Patricia Boyle', env);
  const token = await csrfTokenOf(s.browser);
  const zipOf = (recordId: string, ids: string[]) =>
    s.browser.fetch(`/api/records/Contacts/${recordId}/attachments/zip`, {
      method: 'POST',
      body: JSON.stringify({ ids }),
      headers: { ...appWrite(s.browser, token), 'content-type': 'application/json' },
    });
  const creditsUsed = async () => {
    const r = await fetch(`${s.stack.sandboxUrl}/__sandbox/limits`);
    return ((await r.json()) as { creditsUsed: number }).creditsUsed;
  };
  return { s, zipOf, creditsUsed };
}

describe('a ZIP and Bigin API credits', () => {
  let t: Awaited<ReturnType<typeof stackWith>>;
  beforeAll(async () => (t = await stackWith()));
  afterAll(() => t.s.close());

  it('lists the record once and asks Bigin for none of the ids it does not list', async () => {
    const unknown = madeUp(99);
    const before = { credits: await t.creditsUsed(), calls: t.s.recorder.calls.length };
    const r = await t.zipOf(DOC_REQUEST_RECORD_ID, [REAL, ...unknown]);
    expect(r.status).toBe(200);
    const entries = readZip(new Uint8Array(await r.arrayBuffer()));
    expect(entries.map((e) => e.name)).toEqual(['Business card.png', 'NOT-INCLUDED.txt']);
    const text = entries[1]!.bytes.toString('utf8');
    for (const id of unknown) expect(text).toContain(`[id ${id}]: PROXY_ATTACHMENT_GONE`);
    const attachmentCalls = t.s.recorder.calls
      .slice(before.calls)
      .filter((c) => c.path.includes('/Attachments'))
      .map((c) => c.path.split('/').at(-1));
    expect(attachmentCalls).toEqual(['Attachments', REAL]);
    // The record and its name field (for the ZIP's name), one listing, one download.
    expect((await t.creditsUsed()) - before.credits).toBeLessThanOrEqual(4);
  });

  it('stops listing once every chosen file is found', async () => {
    const r = await t.s.browser.fetch(
      `/api/records/Contacts/${THOUSAND_ATTACHMENTS_RECORD_ID}/attachments?page=1&per_page=200`,
    );
    const firstPage = ((await r.json()) as { data: { id: string }[] }).data.slice(0, 2);
    const before = t.s.recorder.calls.length;
    const zip = await t.zipOf(
      THOUSAND_ATTACHMENTS_RECORD_ID,
      firstPage.map((a) => a.id),
    );
    expect(readZip(new Uint8Array(await zip.arrayBuffer()))).toHaveLength(2);
    const listings = t.s.recorder.calls
      .slice(before)
      .filter((c) => c.path.endsWith('/Attachments'));
    // The record has 1,000 attachments, five pages: the first holds both.
    expect(listings).toHaveLength(1);
  });

  it('refuses more files than ZIP_MAX_ENTRIES (100 by default) before asking Bigin', async () => {
    const before = { credits: await t.creditsUsed(), calls: t.s.recorder.calls.length };
    const r = await t.zipOf(DOC_REQUEST_RECORD_ID, madeUp(500));
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({
      code: 'PROXY_ZIP_TOO_MANY_FILES',
      details: { max_entries: 100, files: 500 },
    });
    expect(t.s.recorder.calls.length).toBe(before.calls);
    expect(await t.creditsUsed()).toBe(before.credits);
  });
});

// The count is this process's own, or Redis's for every instance (REDIS_URL).
describe.each(['in this process', 'in Redis'])(
  "a ZIP and the session's rate limit, %s",
  (where) => {
    let t: Awaited<ReturnType<typeof stackWith>>;
    let redis: TestRedis | undefined;
    beforeAll(async () => {
      if (where === 'in Redis') redis = await startTestRedis();
      t = await stackWith({ RATE_LIMIT_PER_MINUTE: '30', ...(redis && { REDIS_URL: redis.url }) });
    }, 60_000);
    afterAll(async () => {
      await t?.s.close();
      await redis?.stop();
    });

    it('counts each file as a request, and refuses a ZIP the minute has no room for whole', async () => {
      // 20 files: 20 of the minute's 30 requests (with the CSRF token's, 21).
      const first = await t.zipOf(DOC_REQUEST_RECORD_ID, madeUp(20));
      expect(first.status).toBe(200);
      await first.arrayBuffer();

      const before = t.s.recorder.calls.length;
      const refused = await t.zipOf(DOC_REQUEST_RECORD_ID, madeUp(15, 100));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({
        code: 'PROXY_RATE_LIMITED',
        details: { zip_files: 15 },
      });
      // Refused before anything was asked of Bigin: no half ZIP.
      expect(t.s.recorder.calls.length).toBe(before);

      // What is left still takes a smaller ZIP: the refused one counted as one request only.
      const small = await t.zipOf(DOC_REQUEST_RECORD_ID, madeUp(5, 200));
      expect(small.status).toBe(200);
      await small.arrayBuffer();
    });

    it('never takes more files than a minute of requests, whatever ZIP_MAX_ENTRIES says', async () => {
      const r = await t.zipOf(DOC_REQUEST_RECORD_ID, madeUp(31));
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({
        code: 'PROXY_ZIP_TOO_MANY_FILES',
        details: { max_entries: 30 },
      });
    });
  },
);

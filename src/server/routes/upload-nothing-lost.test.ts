import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../sandbox/prng.ts';
import { EMPTY_RECORD_ID } from '../../sandbox/seed-ids.ts';
import { fileStack, sha256, type FileStack } from '../test-support/file-stack.ts';
import { csrfTokenOf, uploadFile } from '../test-support/upload-client.ts';

let s: FileStack;
let token: string;
const RECORD = EMPTY_RECORD_ID;
const base = `/api/records/Contacts/${RECORD}/attachments`;
const LIMIT = 20 * 1024 * 1024;

beforeAll(async () => {
  s = await fileStack();
  token = await csrfTokenOf(s.browser);
}, 30_000);
afterAll(() => s.close(), 60_000);

/** Bytes unique to file `i`, of `size` bytes, made from a hash chain (no two files alike). */
function bytesFor(i: number, size: number): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(`file ${i}`).digest();
  for (let at = 0; at < size; at += block.length) {
    block.copy(out, at);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

/** Mostly small files, some medium, a few at the limit itself; 0 bytes too. */
function sizes(count: number): number[] {
  const rng = createRng(42);
  return Array.from({ length: count }, (_, i) => {
    if (i === 0) return 0;
    if (i % 60 === 1) return LIMIT;
    if (i % 25 === 2) return 1024 * 1024 + Math.floor(rng() * 4 * 1024 * 1024);
    return Math.floor(rng() * 64 * 1024);
  });
}

async function inParallel<T>(count: number, width: number, task: (i: number) => Promise<T>) {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

describe('nothing lost: uploads while Bigin resets connections', () => {
  it('stores each file whole or reports it failed; never partial, never twice', async () => {
    const planned = sizes(240);
    await s.fault({
      kind: 'reset',
      match: { recordId: RECORD, method: 'POST' },
      share: 0.2,
      seed: 9,
    });
    const outcomes = await inParallel(planned.length, 6, async (i) => {
      const name = `upload-${String(i).padStart(3, '0')}.bin`;
      const bytes = bytesFor(i, planned[i]!);
      const sum = sha256(bytes);
      try {
        const r = await uploadFile(s.browser, token, base, { name, bytes });
        const body = (await r.json()) as { data?: { details: { id: string } }[]; code?: string };
        const id = body.data?.[0]?.details.id;
        return { name, sum, size: bytes.length, ok: r.status === 200, id, code: body.code };
      } catch {
        // The connection to the proxy broke: the caller notices that as a failed upload too.
        return { name, sum, size: bytes.length, ok: false, id: undefined, code: 'CONNECTION' };
      }
    });
    await s.clearFaults();

    const listed: { id: string; File_Name: string; Size: string }[] = [];
    for (let page = 1; ; page++) {
      const r = await s.browser.fetch(`${base}?page=${page}&per_page=200`);
      const body = (await r.json()) as { data: typeof listed; info: { more_records: boolean } };
      listed.push(...body.data);
      if (!body.info.more_records) break;
    }
    const failed = outcomes.filter((o) => !o.ok);
    expect(failed.length).toBeGreaterThan(10);
    expect(
      failed.every((o) => ['PROXY_UPSTREAM_UNREACHABLE', 'CONNECTION'].includes(o.code!)),
    ).toBe(true);
    // Never sent twice: one POST to Bigin per upload.
    // (An upload whose browser connection broke first never reaches Bigin at all.)
    const posts = s.recorder.callsTo('POST', `/${RECORD}/Attachments`).length;
    expect(posts).toBeLessThanOrEqual(planned.length);
    expect(posts).toBeGreaterThanOrEqual(outcomes.filter((o) => o.ok).length);
    for (const o of outcomes) {
      const copies = listed.filter((a) => a.File_Name === o.name);
      expect(copies.length, o.name).toBeLessThanOrEqual(1);
      if (o.ok)
        expect(
          copies.map((c) => c.id),
          o.name,
        ).toEqual([o.id]);
      for (const copy of copies) {
        // Stored means stored whole: same size and checksum as sent.
        expect(copy.Size, o.name).toBe(String(o.size));
        const back = await s.browser.fetch(`${base}/${copy.id}`);
        expect(sha256(new Uint8Array(await back.arrayBuffer())), o.name).toBe(o.sum);
      }
    }
    expect(listed).toHaveLength(outcomes.filter((o) => o.ok).length);
  }, 150_000);
});

import { afterEach, describe, expect, it } from 'vitest';
import { fileStack, type FileStack } from './test-support/file-stack.ts';
import {
  fiveSlowUploads,
  listingOf,
  OTHER_LISTING,
  SLOW_RECORD,
  slowRecord,
  twoUsers,
  until,
  type Held,
} from './test-support/fair-share-scenarios.ts';

/**
 * Bigin's five calls in flight, shared fairly between users, and each call bounded by one
 * deadline: the proxy in front of the real sandbox, over sockets, the sandbox's faults holding or
 * failing Bigin's answers.
 */
let s: FileStack | undefined;
let held: Held | undefined;
afterEach(async () => {
  held?.leave();
  held = undefined;
  await s?.close();
  s = undefined;
});

const HOLD_MS = 6000;
const stack = async (env: Record<string, string> = {}) =>
  (s = await fileStack('Patricia Boyle', { SHUTDOWN_GRACE_SECONDS: '0', ...env }));

describe("one user's calls do not hold up another's", () => {
  it('answers another user’s listing while one user’s five uploads are held by Bigin', async () => {
    const s = await stack();
    const { alice, bob } = await twoUsers(s);
    held = await fiveSlowUploads(s, alice, HOLD_MS);
    const answer = await bob.fetch(OTHER_LISTING);
    expect(answer.status).toBe(200);
    // Answered while every upload is still held: not behind them.
    expect(held.settled()).toBe(false);
  }, 30_000);

  it('answers another user’s listing while one user’s record hangs', async () => {
    const s = await stack();
    const { alice, bob } = await twoUsers(s);
    held = await slowRecord(s, alice, HOLD_MS);
    const answer = await bob.fetch(OTHER_LISTING);
    expect(answer.status).toBe(200);
    expect(held.settled()).toBe(false);
  }, 30_000);

  it('answers 503 PROXY_BUSY with a Retry-After when no place comes within the wait', async () => {
    const s = await stack({ BIGIN_MAX_IN_FLIGHT: '1', BIGIN_SLOT_WAIT_MS: '300' });
    const { alice, bob } = await twoUsers(s);
    held = await slowRecord(s, alice, HOLD_MS, 1);
    const answer = await bob.fetch(OTHER_LISTING);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await answer.json()).toMatchObject({ code: 'PROXY_BUSY' });
    // Bigin was asked only for the listing that holds the one place.
    expect(s.recorder.callsTo('GET', '/Attachments')).toHaveLength(1);
  }, 30_000);
});

describe('deadlines, not per-try timeouts', () => {
  it('answers a listing Bigin does not answer at the call’s deadline, having asked once', async () => {
    const s = await stack({ BIGIN_CALL_DEADLINE_MS: '1000' });
    await s.fault({ kind: 'latency', latencyMs: HOLD_MS, match: { recordId: SLOW_RECORD } });
    const answer = await s.browser.fetch(listingOf(SLOW_RECORD));
    expect(answer.status).toBe(504);
    expect(await answer.json()).toMatchObject({ code: 'PROXY_UPSTREAM_TIMEOUT' });
    expect(s.recorder.callsTo('GET', `/${SLOW_RECORD}/Attachments`)).toHaveLength(1);
  }, 30_000);

  it('aborts a listing’s call to Bigin, and frees its place, when the browser goes away', async () => {
    const s = await stack({ BIGIN_MAX_IN_FLIGHT: '1' });
    await s.fault({ kind: 'latency', latencyMs: HOLD_MS, match: { recordId: SLOW_RECORD } });
    const leaving = new AbortController();
    const listing = s.browser.fetch(listingOf(SLOW_RECORD), { signal: leaving.signal });
    listing.catch(() => undefined);
    expect(await until(() => s.recorder.inFlight === 1)).toBe(true);
    leaving.abort();
    // The call to Bigin ends long before Bigin would have answered, and the one place is free.
    expect(await until(() => s.recorder.inFlight === 0, HOLD_MS / 2)).toBe(true);
    const next = await s.browser.fetch(OTHER_LISTING);
    expect(next.status).toBe(200);
  }, 30_000);

  it('stops calling a Bigin that keeps failing for two users, and says so at once', async () => {
    const s = await stack();
    const { alice, bob } = await twoUsers(s);
    // Bigin resets every connection for this record, as a Bigin that is down would.
    await s.fault({ kind: 'reset', match: { recordId: SLOW_RECORD } });
    const calls = () => s.recorder.callsTo('GET', `/${SLOW_RECORD}/Attachments`).length;
    const codeOf = async (answer: Response) => ((await answer.json()) as { code: string }).code;
    // One user's failures alone pause nobody: each of Alice's listings still reaches Bigin.
    for (let i = 0; i < 3; i++) {
      expect(await codeOf(await alice.fetch(listingOf(SLOW_RECORD)))).toBe(
        'PROXY_UPSTREAM_UNREACHABLE',
      );
    }
    const codes: string[] = [];
    for (let i = 0; i < 5 && !codes.includes('PROXY_UPSTREAM_PAUSED'); i++) {
      codes.push(await codeOf(await [alice, bob][i % 2]!.fetch(listingOf(SLOW_RECORD))));
    }
    expect(codes.at(-1)).toBe('PROXY_UPSTREAM_PAUSED');
    const before = calls();
    const paused = await bob.fetch(OTHER_LISTING);
    expect(paused.status).toBe(503);
    expect(paused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await paused.json()).toMatchObject({ code: 'PROXY_UPSTREAM_PAUSED' });
    expect(calls()).toBe(before);
    expect(s.recorder.callsTo('GET', '/Attachments')).toHaveLength(before);
  }, 30_000);
});

import { UPLOAD_SIZE_FIELD } from '../../shared/api-contract.ts';
import { DOC_SAMPLE_RECORD_ID } from '../../shared/doc-samples.ts';
import { EMPTY_RECORD_ID, LINKS_RECORD_ID } from '../../sandbox/seed-ids.ts';
import { TestBrowser } from './browser.ts';
import type { FileStack } from './file-stack.ts';
import { appWrite, csrfTokenOf } from './upload-client.ts';

/**
 * What fair-share.test.ts asserts and bench/fair-share-bench.ts measures: one user holding
 * Bigin's calls (slow uploads, a record that hangs) while another user lists a record.
 */
export const listingOf = (recordId: string) =>
  `/api/records/Contacts/${recordId}/attachments?page=1&per_page=200`;

/** Another user's listing, of a record nobody has slowed down. */
export const OTHER_LISTING = listingOf(DOC_SAMPLE_RECORD_ID);
/** The record whose listing hangs. */
export const SLOW_RECORD = LINKS_RECORD_ID;
/** The record the slow uploads go to. */
export const UPLOAD_RECORD = EMPTY_RECORD_ID;

export interface Held {
  /** Whether any of the held requests has been answered yet. */
  settled: () => boolean;
  /** The browser leaves every held request. */
  leave: () => void;
}

/** Two users with a session each (service mode: the session cookie tells them apart). */
export async function twoUsers(s: FileStack): Promise<{ alice: TestBrowser; bob: TestBrowser }> {
  const alice = s.browser;
  const bob = new TestBrowser(s.stack.appUrl);
  await alice.fetch('/api/session');
  await bob.fetch('/api/session');
  return { alice, bob };
}

/** Waits until `done()`, looking every 10 ms, for at most `ms`. */
export async function until(done: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

function hold(requests: ((signal: AbortSignal) => Promise<Response>)[]): Held {
  const leaving = new AbortController();
  let settled = false;
  for (const send of requests) {
    send(leaving.signal).then(
      () => (settled = true),
      () => undefined,
    );
  }
  return { settled: () => settled, leave: () => leaving.abort() };
}

/**
 * Alice sends five uploads that Bigin holds for `holdMs` each, and returns once Bigin holds as
 * many as the proxy lets through.
 */
export async function fiveSlowUploads(s: FileStack, alice: TestBrowser, holdMs: number) {
  await s.fault({
    kind: 'latency',
    latencyMs: holdMs,
    match: { recordId: UPLOAD_RECORD, method: 'POST' },
  });
  const token = await csrfTokenOf(alice);
  const posts = () => s.recorder.callsTo('POST', `/${UPLOAD_RECORD}/Attachments`).length;
  const held = hold(
    [1, 2, 3, 4, 5].map((n) => (signal) => {
      const form = new FormData();
      form.set(UPLOAD_SIZE_FIELD, '5');
      form.set('file', new Blob(['hello']), `slow-${n}.txt`);
      return alice.fetch(`/api/records/Contacts/${UPLOAD_RECORD}/attachments`, {
        method: 'POST',
        body: form,
        headers: appWrite(alice, token),
        signal,
      });
    }),
  );
  await until(() => posts() >= 4);
  // A moment for a fifth, where the proxy lets one through.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return held;
}

/**
 * Alice opens a record whose listing Bigin holds for `holdMs`: six listings at once, returning
 * once Bigin holds `admitted` of them.
 */
export async function slowRecord(s: FileStack, alice: TestBrowser, holdMs: number, admitted = 4) {
  await s.fault({ kind: 'latency', latencyMs: holdMs, match: { recordId: SLOW_RECORD } });
  const lists = () => s.recorder.callsTo('GET', `/${SLOW_RECORD}/Attachments`).length;
  const held = hold(
    [1, 2, 3, 4, 5, 6].map(() => (signal) => alice.fetch(listingOf(SLOW_RECORD), { signal })),
  );
  await until(() => lists() >= admitted);
  await new Promise((resolve) => setTimeout(resolve, 100));
  return held;
}

/** Bob lists another record: the answer's status and how long it took. */
export async function timedListing(bob: TestBrowser) {
  const started = performance.now();
  const answer = await bob.fetch(OTHER_LISTING);
  await answer.arrayBuffer();
  return { status: answer.status, ms: Math.round(performance.now() - started) };
}

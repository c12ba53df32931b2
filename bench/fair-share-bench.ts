/**
 * Bigin's five calls shared between users: how long another user's listing takes while one user
 * holds Bigin's calls (target: under 1 s), and how long a listing Bigin never answers takes to be
 * answered (target: BIGIN_CALL_DEADLINE_MS, 20 s). The proxy in front of its own sandbox, whose
 * latency faults hold Bigin's answers; defaults otherwise.
 *
 * Measured before the fair share and the one deadline (same machine): another user's listing
 * 38 s behind five slow uploads, 4-8 s behind a slow record; a hanging listing answered after
 * some 90 s (30 s per try, three tries).
 */
import { fileStack } from '../src/server/test-support/file-stack.ts';
import {
  fiveSlowUploads,
  listingOf,
  SLOW_RECORD,
  slowRecord,
  timedListing,
  twoUsers,
} from '../src/server/test-support/fair-share-scenarios.ts';

const HOLD_MS = 15_000;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function scenario(name: string, hold: typeof fiveSlowUploads) {
  const s = await fileStack('Patricia Boyle', { SHUTDOWN_GRACE_SECONDS: '0' });
  try {
    const { alice, bob } = await twoUsers(s);
    const held = await hold(s, alice, HOLD_MS);
    const { status, ms } = await timedListing(bob);
    console.log(`${name}: another user's listing answered ${status} in ${seconds(ms)}`);
    held.leave();
  } finally {
    await s.close();
  }
}

await scenario('five slow uploads from one user', fiveSlowUploads);
await scenario('one record answering slowly', slowRecord);

if (!process.argv.includes('--no-hang')) {
  const s = await fileStack('Patricia Boyle', { SHUTDOWN_GRACE_SECONDS: '0' });
  try {
    await s.fault({ kind: 'latency', latencyMs: 120_000, match: { recordId: SLOW_RECORD } });
    const started = performance.now();
    const answer = await s.browser.fetch(listingOf(SLOW_RECORD));
    const body = (await answer.json()) as { code?: string };
    const ms = performance.now() - started;
    const tries = s.recorder.callsTo('GET', `/${SLOW_RECORD}/Attachments`).length;
    console.log(
      `a listing Bigin never answers: ${answer.status} ${body.code} after ${seconds(ms)}, ${tries} call(s) to Bigin`,
    );
    await s.clearFaults();
  } finally {
    await s.close();
  }
}
process.exit(0);

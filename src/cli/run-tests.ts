/**
 * `npm test`: type-check, lint, format check, unit and integration tests (Vitest), browser tests
 * (Playwright on Chromium); ends with one plain line: "N passed, N failed[, N skipped]".
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { e2eRun } from '../../e2e/support/run-files.ts';
import { describeBrowser, getChromium } from './prerequisites/chromium.ts';
import { PrerequisiteError, systemHost } from './prerequisites/host.ts';
import { describeRedisServer, getRedisServer } from './prerequisites/redis.ts';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n=== ${label}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

/** A check that is not a test suite counts as one test. */
function check(label: string, command: string, args: string[]): void {
  if (run(label, command, args)) total.passed += 1;
  else {
    total.failed += 1;
    console.log(`--- ${label} failed`);
  }
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

// What the tests need from the machine comes first: a run that cannot have it stops at once.
const host = systemHost();
let chromium: string;
let redisServer: string;
try {
  const browser = getChromium(host);
  host.log(describeBrowser(host, browser));
  chromium = browser.path;
  // The tests of several instances start redis-servers of their own (test-support/redis-server.ts).
  const redis = getRedisServer(host);
  host.log(describeRedisServer(host, redis));
  redisServer = redis.path;
} catch (error) {
  if (!(error instanceof PrerequisiteError)) throw error;
  console.error(`\n${error.message}\n\n0 passed, 1 failed`);
  process.exit(1);
}

mkdirSync('test-results', { recursive: true });

check('type-check', 'npx', ['tsc', '--noEmit']);
check('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
check('format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);

// Unit and integration tests.
rmSync('test-results/vitest.json', { force: true });
const vitestOk = run(
  'unit and integration tests',
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile=test-results/vitest.json',
  ],
  { REDIS_SERVER_PATH: redisServer },
);
const vitest = readJson('test-results/vitest.json') as
  | {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    }
  | undefined;
if (vitest) {
  total.passed += vitest.numPassedTests;
  total.failed += vitest.numFailedTests;
  total.skipped += vitest.numPendingTests + vitest.numTodoTests;
}
if (!vitestOk && (!vitest || vitest.numFailedTests === 0)) total.failed += 1; // it failed before counting

// Browser tests.
const { reportFile } = e2eRun();
rmSync(reportFile, { force: true });
const e2eOk = run('browser tests', 'npx', ['playwright', 'test'], {
  CHROMIUM_PATH: chromium,
  REDIS_SERVER_PATH: redisServer,
});
const report = readJson(reportFile) as
  { stats: { expected: number; unexpected: number; flaky: number; skipped: number } } | undefined;
if (report) {
  total.passed += report.stats.expected + report.stats.flaky;
  total.failed += report.stats.unexpected;
  total.skipped += report.stats.skipped;
}
// No report counts as a failure even after a clean exit: no browser test was counted.
if (!report || (!e2eOk && report.stats.unexpected === 0)) total.failed += 1;

const summary =
  `${total.passed} passed, ${total.failed} failed` +
  (total.skipped ? `, ${total.skipped} skipped` : '');
console.log(`\n${summary}`);
process.exit(total.failed === 0 ? 0 : 1);

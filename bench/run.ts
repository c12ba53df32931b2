/**
 * `npm run bench`: runs every `bench/*-bench.ts` in turn, each in its own process so that one
 * does not warm or load the next. Each prints its figures beside the baseline it measured in the
 * same run; none passes or fails.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const dir = path.dirname(new URL(import.meta.url).pathname);
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('-bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file}`);
  const result = spawnSync('npx', ['tsx', path.join(dir, file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.log(`--- ${file} did not finish (exit ${result.status})`);
  }
}
process.exit(failed === 0 ? 0 : 1);

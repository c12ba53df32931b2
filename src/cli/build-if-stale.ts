/**
 * `npm start`'s first step: builds the app only when its sources changed since the last build,
 * so that a restart serves the same files (and the same ETags) instead of rebuilding them. The
 * build's inputs are fingerprinted by content, not by date: a fresh checkout of the same commit
 * counts as built once built.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Everything `vite build` reads: the app's code, its page, its public files, its config. */
const INPUTS = [
  'src/client',
  'src/shared',
  'public',
  'index.html',
  'vite.config.ts',
  'src/cli/precompress.ts',
  'package-lock.json',
];

function filesOf(entry: string): string[] {
  if (!existsSync(entry)) return [];
  if (!statSync(entry).isDirectory()) return [entry];
  return readdirSync(entry)
    .sort()
    .flatMap((name) => filesOf(path.join(entry, name)));
}

export function buildFingerprint(root = process.cwd()): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => filesOf(path.join(root, input)))) {
    if (/\.test\.tsx?$/.test(file)) continue;
    hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const dist = process.env.APP_DIST_DIR ?? 'dist';
const stamp = path.join(dist, '.build-fingerprint');
const fingerprint = buildFingerprint();
const built = existsSync(path.join(dist, 'index.html')) && existsSync(stamp);
if (built && readFileSync(stamp, 'utf8') === fingerprint) {
  console.log(`The app's build in ${dist} is current: not rebuilt.`);
} else {
  const build = spawnSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(stamp, fingerprint);
}

/**
 * Run by atomic-write.test.ts as a separate process, which the test kills with SIGKILL in the
 * middle of a write: writes version after version of a large file whose bytes all equal the
 * version number.
 */
import { writeFileAtomic } from './atomic-write.ts';

const [target, sizeArg] = process.argv.slice(2);
const size = Number(sizeArg);
for (let version = 1; ; version++) {
  await writeFileAtomic(target!, Buffer.alloc(size, version % 256));
  process.stdout.write(`${version}\n`);
}

/**
 * Run by atomic-write.test.ts as a separate process, which the test kills with SIGKILL in the
 * middle of a write: writes version after version of a large file whose bytes are all the same
 * (1, 2 or 3).
 */
import { writeFileAtomic } from './atomic-write.ts';

const [target, sizeArg] = process.argv.slice(2);
const size = Number(sizeArg);
// Made up front, so that the process spends its time writing.
const versions = [1, 2, 3].map((v) => Buffer.alloc(size, v));
for (let version = 0; ; version++) {
  await writeFileAtomic(target!, versions[version % 3]!);
  process.stdout.write(`${version}\n`);
}

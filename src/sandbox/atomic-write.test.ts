import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write.ts';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'atomic-write-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

const child = fileURLToPath(new URL('./atomic-write-crash-child.ts', import.meta.url));
const SIZE = 32 * 1024 * 1024;

describe('writeFileAtomic', () => {
  it('replaces a file whole', async () => {
    const target = path.join(folder, 'state.json');
    await writeFileAtomic(target, 'one');
    await writeFileAtomic(target, 'two');
    expect(await readFile(target, 'utf8')).toBe('two');
    expect(await readdir(folder)).toEqual(['state.json']);
  });

  it('leaves the whole old file or the whole new one when the writer is killed midway', async () => {
    const target = path.join(folder, 'big.bin');
    let killedMidWrite = false;
    // A kill can land between two writes; try until one lands in the middle of a write.
    for (let attempt = 0; attempt < 8 && !killedMidWrite; attempt++) {
      await killWriterAfterTwoVersions(target, attempt * 3);
      const left = await readdir(folder);
      killedMidWrite = left.some((n) => n.endsWith('.tmp'));
      const bytes = await readFile(target);
      expect(bytes.length).toBe(SIZE);
      expect(bytes.every((b) => b === bytes[0])).toBe(true);
      await removeStaleTempFiles(folder);
      expect(await readdir(folder)).toEqual(['big.bin']);
    }
    expect(killedMidWrite).toBe(true);
  }, 60_000);
});

async function killWriterAfterTwoVersions(target: string, delayMs: number): Promise<void> {
  const writer = spawn(process.execPath, ['--import', 'tsx', child, target, String(SIZE)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let versions = 0;
  await new Promise<void>((resolve) => {
    writer.stdout.on('data', (chunk: Buffer) => {
      versions += chunk.toString().split('\n').filter(Boolean).length;
      if (versions >= 2) resolve();
    });
  });
  await new Promise((r) => setTimeout(r, delayMs));
  writer.kill('SIGKILL');
  await new Promise((r) => writer.once('exit', r));
}

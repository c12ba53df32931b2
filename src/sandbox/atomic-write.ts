import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

let serial = 0;

/**
 * Writes a file so that a crash at any moment leaves either the old file or the whole new one,
 * never a part: the bytes go to a temporary file beside it, are flushed to disk, and the
 * temporary file is renamed over the target (a rename within one folder is atomic).
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const temp = `${target}.${process.pid}.${serial++}${TEMP_SUFFIX}`;
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

const TEMP_SUFFIX = '.tmp';

/** Removes what a write interrupted by a crash left behind. */
export async function removeStaleTempFiles(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.endsWith(TEMP_SUFFIX))
      .map((n) => rm(path.join(folder, n), { force: true })),
  );
}

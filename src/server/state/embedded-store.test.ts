import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from './embedded-store.ts';
import { describeStateStore } from './state-store-contract.ts';

describeStateStore('EmbeddedStore', async () => new EmbeddedStore());

describe('EmbeddedStore across a restart', () => {
  const fileIn = () => path.join(mkdtempSync(path.join(tmpdir(), 'embedded-store-')), 'state.json');

  it('finds what the last run left, except what has run out since', async () => {
    const file = fileIn();
    let clock = 1_000_000;
    const first = new EmbeddedStore({ file, now: () => clock });
    await first.set('session', 'sealed', 60_000);
    await first.set('short', 'gone', 1000);
    await first.spend('budget', 2, 600_000);
    await first.schedule('ends', 'member', 5000);
    // A slot belongs to the process that took it: it does not outlive it.
    await first.acquireSlot('org', 1, 'holder', 60_000);
    await first.close();

    clock += 2000;
    const second = new EmbeddedStore({ file, now: () => clock });
    expect(await second.get('session')).toBe('sealed');
    expect(await second.get('short')).toBeUndefined();
    expect((await second.spend('budget', 2, 600_000)).spent).toBe(true);
    expect((await second.spend('budget', 2, 600_000)).spent).toBe(false);
    expect(await second.takeDue('ends', 10_000, 10)).toEqual(['member']);
    expect(await second.acquireSlot('org', 1, 'another', 60_000)).toBe(true);
    await second.close();
  });

  it('writes a change shortly after it is made, not only on close (a crash loses little)', async () => {
    const file = fileIn();
    const store = new EmbeddedStore({ file, writeDelayMs: 10 });
    await store.set('k', 'v', 60_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(readFileSync(file, 'utf8')).toContain('"k"');
    await store.close();
  });

  it('is one process’s: a second one on the same file is refused; a dead one’s lock is taken over', async () => {
    const file = fileIn();
    const first = new EmbeddedStore({ file });
    // Another live process holds it (this test's parent stands in for one).
    writeFileSync(`${file}.lock`, String(process.ppid));
    expect(() => new EmbeddedStore({ file })).toThrow(/in use by another instance.*REDIS_URL/);
    // A process that is gone (a crash) leaves its lock behind.
    writeFileSync(`${file}.lock`, '999999999');
    const second = new EmbeddedStore({ file });
    await second.close();
    await first.close();
  });

  it('refuses to start over a file that is not its own, saying what to do', () => {
    const file = fileIn();
    writeFileSync(file, 'not json');
    expect(() => new EmbeddedStore({ file })).toThrow(/not the proxy's state file/);
  });
});

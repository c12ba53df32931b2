import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mayTakeSlot, type SlotShare, type Spent, type StateStore } from './state-store.ts';

export interface EmbeddedStoreOptions {
  /**
   * The file it is kept in (under DATA_DIR), written shortly after each change and on close, so
   * that a restart finds the sessions and tokens it left. In memory only when absent (tests).
   */
  file?: string | undefined;
  /** How long after a change the file is written: changes in between go out together. */
  writeDelayMs?: number;
  /** How often entries past their time are dropped from memory; 0: only when read (a few keys). */
  sweepEveryMs?: number;
  now?: () => number;
}

interface Entry {
  value: string;
  expiresAt: number;
}

/** What the file holds. Semaphore slots are left out: only this process ever held them. */
interface Saved {
  version: 1;
  values: [string, Entry][];
  windows: [string, number[]][];
  schedules: [string, [string, number][]][];
}

/**
 * The store for one instance: everything in this process's memory, kept in one JSON file
 * (written whole to a temporary file and renamed over the old one, so a crash leaves the old
 * file or the new, never a part). Expiry is checked on every read and swept once a minute, so
 * that nothing past its time is ever answered and nothing abandoned piles up.
 */
export class EmbeddedStore implements StateStore {
  readonly kind = 'embedded';
  private readonly values = new Map<string, Entry>();
  private readonly windows = new Map<string, number[]>();
  private readonly slots = new Map<string, Map<string, number>>();
  private readonly schedules = new Map<string, Map<string, number>>();
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout | undefined;
  private writeTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: EmbeddedStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    if (options.file) {
      lockFor(options.file);
      this.load(options.file);
    }
    const every = options.sweepEveryMs ?? 60_000;
    this.sweeper = every ? setInterval(() => this.sweep(), every).unref() : undefined;
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key)?.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.values.set(key, { value, expiresAt: this.now() + ttlMs });
    this.changed();
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async delete(key: string, ifValue?: string): Promise<boolean> {
    const entry = this.live(key);
    if (!entry || (ifValue !== undefined && entry.value !== ifValue)) return false;
    this.values.delete(key);
    this.changed();
    return true;
  }

  async spend(key: string, max: number, windowMs: number): Promise<Spent> {
    const now = this.now();
    const uses = (this.windows.get(key) ?? []).filter((t) => t > now - windowMs);
    if (uses.length >= max) {
      this.windows.set(key, uses);
      return { spent: false, retryInMs: uses[0]! + windowMs - now };
    }
    uses.push(now);
    this.windows.set(key, uses);
    this.changed();
    return { spent: true };
  }

  async acquireSlot(
    key: string,
    capacity: number,
    holder: string,
    leaseMs: number,
    share?: SlotShare,
  ) {
    const now = this.now();
    const held = this.slots.get(key) ?? new Map<string, number>();
    for (const [h, until] of held) if (until <= now) held.delete(h);
    this.slots.set(key, held);
    if (!held.has(holder)) {
      const mine = share ? [...held.keys()].filter((h) => h.startsWith(share.group)).length : 0;
      if (!mayTakeSlot(capacity - held.size, mine, share)) return false;
    }
    held.set(holder, now + leaseMs);
    return true;
  }

  async renewSlots(key: string, holders: readonly string[], leaseMs: number): Promise<void> {
    const held = this.slots.get(key);
    const until = this.now() + leaseMs;
    for (const h of holders) if (held?.has(h)) held.set(h, until);
  }

  async releaseSlot(key: string, holder: string): Promise<void> {
    this.slots.get(key)?.delete(holder);
  }

  async schedule(key: string, member: string, atMs: number): Promise<void> {
    const schedule = this.schedules.get(key) ?? new Map<string, number>();
    schedule.set(member, atMs);
    this.schedules.set(key, schedule);
    this.changed();
  }

  async unschedule(key: string, member: string): Promise<void> {
    if (this.schedules.get(key)?.delete(member)) this.changed();
  }

  async takeDue(key: string, nowMs: number, limit: number): Promise<string[]> {
    const due = this.ordered(key)
      .filter(([, at]) => at <= nowMs)
      .slice(0, limit)
      .map(([member]) => member);
    return this.take(key, due);
  }

  async takeBeyond(key: string, keep: number): Promise<string[]> {
    const ordered = this.ordered(key);
    const beyond = ordered.slice(0, Math.max(0, ordered.length - keep)).map(([member]) => member);
    return this.take(key, beyond);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    this.write();
    if (this.options.file) rmSync(`${this.options.file}.lock`, { force: true });
  }

  /** The entry under `key` while its time lasts; one past its time is dropped on the way. */
  private live(key: string): Entry | undefined {
    const entry = this.values.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > this.now()) return entry;
    this.values.delete(key);
    return undefined;
  }

  /** Earliest first; members due at the same time in the order they were scheduled. */
  private ordered(key: string): [string, number][] {
    return [...(this.schedules.get(key) ?? [])].sort((a, b) => a[1] - b[1]);
  }

  private take(key: string, members: string[]): string[] {
    const schedule = this.schedules.get(key);
    for (const member of members) schedule?.delete(member);
    if (members.length) this.changed();
    return members;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.values) if (entry.expiresAt <= now) this.values.delete(key);
    for (const [key, uses] of this.windows) {
      if (!uses.length || uses[uses.length - 1]! <= now - DAY_MS) this.windows.delete(key);
    }
    for (const [key, held] of this.slots) {
      for (const [h, until] of held) if (until <= now) held.delete(h);
      if (!held.size) this.slots.delete(key);
    }
  }

  private changed(): void {
    if (!this.options.file || this.closed || this.writeTimer) return;
    this.writeTimer = setTimeout(() => {
      this.writeTimer = undefined;
      this.write();
    }, this.options.writeDelayMs ?? 250);
    this.writeTimer.unref();
  }

  private write(): void {
    const file = this.options.file;
    if (!file) return;
    this.sweep();
    const now = this.now();
    const saved: Saved = {
      version: 1,
      values: [...this.values],
      windows: [...this.windows].map(([k, uses]): [string, number[]] => [
        k,
        uses.filter((t) => t > now - DAY_MS),
      ]),
      schedules: [...this.schedules].map(([k, s]): [string, [string, number][]] => [k, [...s]]),
    };
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    try {
      // Sealed values only (sealed.ts), but the file is the proxy's alone all the same.
      writeFileSync(temp, JSON.stringify(saved), { mode: 0o600 });
      renameSync(temp, file);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }

  private load(file: string): void {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    let saved: Saved;
    try {
      saved = JSON.parse(text) as Saved;
    } catch {
      throw new Error(
        `${file} is not the proxy's state file (it is not JSON); move it away to start afresh (everyone signs in again).`,
      );
    }
    const now = this.now();
    for (const [key, entry] of saved.values ?? []) {
      if (entry.expiresAt > now) this.values.set(key, entry);
    }
    for (const [key, uses] of saved.windows ?? []) this.windows.set(key, uses);
    for (const [key, members] of saved.schedules ?? []) this.schedules.set(key, new Map(members));
  }
}

/**
 * One process per file: a second instance on the same DATA_DIR would overwrite the first one's
 * sessions. A lock left by a process that is gone (a crash) is taken over.
 */
function lockFor(file: string): void {
  const lock = `${file}.lock`;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(lock, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `${file} is in use by another instance (process ${holder}). To run several instances, set REDIS_URL; otherwise give each its own DATA_DIR.`,
      );
    }
    rmSync(lock, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** No sliding window the proxy counts in is longer than a day. */
const DAY_MS = 24 * 3600_000;

import { useSyncExternalStore } from 'react';
import { z } from 'zod/mini';
import { recordSummarySchema } from '../../shared/api-contract.ts';
import { moduleNameSchema } from '../../shared/modules.ts';

/** A record the user opened, as the home page offers it again. */
export const recentRecordSchema = z.extend(recordSummarySchema, { module: moduleNameSchema });
export type RecentRecord = z.infer<typeof recentRecordSchema>;

export const RECENT_RECORDS_KEY = 'bigin-attachments.recent-records';
export const RECENT_RECORDS_LIMIT = 8;

const listeners = new Set<() => void>();
let cache: { raw: string | null; list: RecentRecord[] } = { raw: null, list: [] };

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    // Storage can be switched off (privacy settings, sandboxed iframes): then nothing is kept.
    return undefined;
  }
}

/**
 * The stored list, newest first. Whatever is stored is checked item by item: a hand-edited,
 * truncated or older-format value costs at most the bad items, never the page.
 */
export function readRecentRecords(): RecentRecord[] {
  let raw: string | null = null;
  try {
    raw = storage()?.getItem(RECENT_RECORDS_KEY) ?? null;
  } catch {
    raw = null;
  }
  if (raw === cache.raw) return cache.list;
  let parsed: unknown;
  try {
    parsed = raw === null ? [] : JSON.parse(raw);
  } catch {
    parsed = [];
  }
  const list = (Array.isArray(parsed) ? parsed : [])
    .flatMap((item) => {
      const result = recentRecordSchema.safeParse(item);
      return result.success ? [result.data] : [];
    })
    .slice(0, RECENT_RECORDS_LIMIT);
  // useSyncExternalStore needs the same array for the same stored text.
  cache = { raw, list };
  return list;
}

function write(list: RecentRecord[]): void {
  try {
    const store = storage();
    if (!store) return;
    if (list.length === 0) store.removeItem(RECENT_RECORDS_KEY);
    else store.setItem(RECENT_RECORDS_KEY, JSON.stringify(list));
  } catch {
    // A full or refused storage only loses the list of recent records.
  }
  listeners.forEach((listener) => listener());
}

/** Puts a record first, once, and keeps the list short. */
export function rememberRecentRecord(record: RecentRecord): void {
  const current = readRecentRecords();
  const first = current[0];
  if (
    first &&
    first.module === record.module &&
    first.id === record.id &&
    first.name === record.name
  )
    return;
  const others = current.filter((r) => !(r.module === record.module && r.id === record.id));
  write([record, ...others].slice(0, RECENT_RECORDS_LIMIT));
}

export function clearRecentRecords(): void {
  write([]);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab opening a record updates this one too.
  const onStorage = (event: StorageEvent) => {
    if (event.key === RECENT_RECORDS_KEY || event.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useRecentRecords(): RecentRecord[] {
  return useSyncExternalStore(subscribe, readRecentRecords, readNothing);
}

const NOTHING: RecentRecord[] = [];
/** Without a browser (server rendering), nothing was opened. */
const readNothing = () => NOTHING;

import { beforeEach, describe, expect, it } from 'vitest';
import {
  clearRecentRecords,
  readRecentRecords,
  RECENT_RECORDS_KEY,
  RECENT_RECORDS_LIMIT,
  rememberRecentRecord,
} from './recent-records.ts';

const record = (n: number) => ({
  module: 'Contacts',
  id: `41508680000027280${String(n).padStart(2, '0')}`,
  name: `Person ${n}`,
});

beforeEach(() => localStorage.clear());

describe('recent records', () => {
  it('lists the records opened, newest first, each once', () => {
    rememberRecentRecord(record(1));
    rememberRecentRecord(record(2));
    rememberRecentRecord(record(1));
    expect(readRecentRecords().map((r) => r.name)).toEqual(['Person 1', 'Person 2']);
  });

  it(`keeps only the last ${RECENT_RECORDS_LIMIT}`, () => {
    for (let n = 1; n <= RECENT_RECORDS_LIMIT + 3; n += 1) rememberRecentRecord(record(n));
    const names = readRecentRecords().map((r) => r.name);
    expect(names).toHaveLength(RECENT_RECORDS_LIMIT);
    expect(names[0]).toBe(`Person ${RECENT_RECORDS_LIMIT + 3}`);
  });

  it('survives stored text that is not JSON', () => {
    localStorage.setItem(RECENT_RECORDS_KEY, '{not json');
    expect(readRecentRecords()).toEqual([]);
    rememberRecentRecord(record(1));
    expect(readRecentRecords()).toEqual([record(1)]);
  });

  it('drops stored items that are not records, keeping the good ones', () => {
    localStorage.setItem(
      RECENT_RECORDS_KEY,
      JSON.stringify([
        record(1),
        { module: 'Contacts', id: Number('4150868000002728001'), name: 'an id as a number' },
        { module: '../admin', id: '1', name: 'a module that is no module' },
        null,
        'text',
        record(2),
      ]),
    );
    expect(readRecentRecords()).toEqual([record(1), record(2)]);
  });

  it('treats a stored object that is not a list as empty', () => {
    localStorage.setItem(RECENT_RECORDS_KEY, JSON.stringify({ records: [record(1)] }));
    expect(readRecentRecords()).toEqual([]);
  });

  it('can be cleared', () => {
    rememberRecentRecord(record(1));
    clearRecentRecords();
    expect(readRecentRecords()).toEqual([]);
    expect(localStorage.getItem(RECENT_RECORDS_KEY)).toBeNull();
  });
});

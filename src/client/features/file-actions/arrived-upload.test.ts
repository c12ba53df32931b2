import { describe, expect, it } from 'vitest';
import { arrivedAttachment, CLOCK_SKEW_MS } from './arrived-upload.ts';
import { testRow } from './test-rows.ts';

const startedAt = Date.parse('2026-03-01T10:00:00Z');
const facts = { name: 'Quote.pdf', size: 5000, startedAt, knownIds: new Set(['1']) };

describe('arrivedAttachment', () => {
  it('finds the new row with the same name and size, created after the upload began', () => {
    const rows = [
      testRow('1', 'Quote.pdf', 5000, '2026-02-01T09:00:00Z'),
      testRow('2', 'Quote.pdf', 5000, '2026-03-01T10:00:04Z'),
    ];
    expect(arrivedAttachment(rows, facts)?.id).toBe('2');
  });

  it('reads Bigin times with their offsets as instants', () => {
    const rows = [testRow('2', 'Quote.pdf', 5000, '2026-03-01T15:30:04+05:30')];
    expect(arrivedAttachment(rows, facts)?.id).toBe('2');
  });

  it('does not take a row that was there before the upload for the upload', () => {
    const rows = [testRow('1', 'Quote.pdf', 5000, '2026-03-01T10:00:01Z')];
    expect(arrivedAttachment(rows, facts)).toBeNull();
  });

  it('does not take a file of the same name but another size (a partial or older file)', () => {
    const rows = [testRow('2', 'Quote.pdf', 4096, '2026-03-01T10:00:04Z')];
    expect(arrivedAttachment(rows, facts)).toBeNull();
  });

  it('does not take a file created well before the upload began', () => {
    const before = new Date(startedAt - CLOCK_SKEW_MS - 1000).toISOString();
    expect(arrivedAttachment([testRow('2', 'Quote.pdf', 5000, before)], facts)).toBeNull();
  });

  it('allows for a clock that runs a little behind', () => {
    const slightly = new Date(startedAt - 60_000).toISOString();
    expect(arrivedAttachment([testRow('2', 'Quote.pdf', 5000, slightly)], facts)?.id).toBe('2');
  });
});

import { describe, expect, it } from 'vitest';
import { formatBytes, formatDateTime, formatExactBytes } from './format.ts';

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1023, '1,023 bytes'],
    [1024, '1 kB'],
    [362207, '354 kB'],
    [20 * 1024 * 1024, '20 MB'],
    [1536 * 1024 * 1024, '1.5 GB'],
  ])('%i bytes read as %s', (bytes, expected) => {
    expect(formatBytes(bytes, 'en-US')).toBe(expected);
  });

  it("follows the user's locale", () => {
    expect(formatBytes(1536, 'de-DE')).toBe('1,5 kB');
    expect(formatExactBytes(362207, 'de-DE')).toBe('362.207 Byte');
  });
});

describe('formatDateTime', () => {
  it("shows Bigin's offset timestamps in the user's zone", () => {
    expect(formatDateTime('2020-07-24T18:12:43+05:30', 'en-US', 'UTC')).toBe(
      'Jul 24, 2020, 12:42 PM',
    );
    expect(formatDateTime('2020-07-24T18:12:43+05:30', 'en-GB', 'Asia/Kolkata')).toBe(
      '24 Jul 2020, 18:12',
    );
  });
});

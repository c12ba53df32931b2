import { describe, expect, it } from 'vitest';
import { decodeFormFileName, encodeFormFileName } from './form-file-name.ts';

describe('form file names', () => {
  it('writes quotes and line breaks as browsers do, and reads them back', () => {
    const name = 'a "b"\\c\r\nd 100%.txt';
    expect(encodeFormFileName(name)).toBe('a %22b%22\\c%0D%0Ad 100%.txt');
    expect(decodeFormFileName(encodeFormFileName(name))).toBe(name);
  });

  it('leaves other percent signs alone', () => {
    expect(decodeFormFileName('50%25 off %2F.txt')).toBe('50%25 off %2F.txt');
  });
});

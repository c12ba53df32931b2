import { describe, expect, it } from 'vitest';
import { notIncludedLines } from './fetch-zip.ts';

describe('notIncludedLines', () => {
  it('names each file NOT-INCLUDED.txt lists, with why, and not its heading', () => {
    const text =
      'These attachments are not (or not wholly) in this ZIP:\r\n' +
      '- Signed NDA.pdf [id 4150868000004100002]: INTERNAL_ERROR: Internal Server Error\r\n' +
      '- (name unknown) [id 7]: PROXY_ATTACHMENT_GONE: gone\r\n';
    expect(notIncludedLines(text)).toEqual([
      'Signed NDA.pdf: INTERNAL_ERROR: Internal Server Error',
      '(name unknown): PROXY_ATTACHMENT_GONE: gone',
    ]);
  });
});

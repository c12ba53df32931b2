import { describe, expect, it } from 'vitest';
import { contentDisposition, fileNameFromDisposition } from './content-disposition.ts';

describe('contentDisposition', () => {
  it('gives old clients an ASCII fallback and new ones the exact UTF-8 name', () => {
    expect(contentDisposition('inline', 'Résumé "final" 100%.pdf')).toBe(
      `inline; filename="R_sum_ _final_ 100_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22%20100%25.pdf`,
    );
  });

  it('lets no name end the header or add a parameter', () => {
    const header = contentDisposition('attachment', "a;b\r\nX-Evil: 1 (it's)!.txt");
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(
      `attachment; filename="a_b__X-Evil: 1 (it's)!.txt"; filename*=UTF-8''a%3Bb%0D%0AX-Evil%3A%201%20%28it%27s%29%21.txt`,
    );
  });

  it('names a file whose name has no ASCII at all', () => {
    expect(contentDisposition('attachment', '  ')).toContain('filename="download"');
  });

  it('is read back as the same name', () => {
    for (const name of ['Quote.pdf', 'Résumé "final" 100%.pdf', 'a;b.txt', '報告書.docx']) {
      expect(fileNameFromDisposition(contentDisposition('attachment', name))).toBe(name);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { attachmentName } from './column-text.ts';
import { fileKind } from './file-kind.ts';
import { hasBidiControl, visibleName } from './visible-name.ts';

describe('visibleName', () => {
  it('shows a right-to-left override as a marked code point, in stored order', () => {
    expect(visibleName('invoice\u202Efdp.exe')).toBe('invoice⟨RLO⟩fdp.exe');
    expect(hasBidiControl('invoice\u202Efdp.exe')).toBe(true);
  });

  it('marks every embedding, override, isolate and mark', () => {
    expect(visibleName('a\u202Ab\u202Bc\u202Cd\u202De\u2066f\u2067g\u2068h\u2069i\u200Fj')).toBe(
      'a⟨LRE⟩b⟨RLE⟩c⟨PDF⟩d⟨LRO⟩e⟨LRI⟩f⟨RLI⟩g⟨FSI⟩h⟨PDI⟩i⟨RLM⟩j',
    );
  });

  it('leaves right-to-left writing without controls as it is', () => {
    expect(visibleName('חוזה חתום.pdf')).toBe('חוזה חתום.pdf');
    expect(hasBidiControl('تقرير المبيعات.txt')).toBe(false);
  });

  it('is the name every part of the app shows, and the type follows the real extension', () => {
    const row = { File_Name: 'invoice\u202Efdp.exe', $type: 'Attachment', $link_url: null };
    expect(attachmentName(row)).toBe('invoice⟨RLO⟩fdp.exe');
    expect(fileKind(row)).toBe('other');
    expect(fileKind({ ...row, File_Name: 'photo\u202Egnp.pdf' })).toBe('pdf');
  });
});

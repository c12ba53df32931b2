import { describe, expect, it } from 'vitest';
import { blockedExtension, realNames } from './blocked-extension.ts';

describe('blockedExtension', () => {
  it.each([
    'setup.exe',
    'SETUP.EXE',
    'setup.exe.',
    'setup.exe  ',
    'a.tar.exe',
    // Bidirectional controls: drawn as something else, or inside the extension itself.
    'invoice\u202Efdp.exe',
    'setup.exe\u202C',
    'setup.e\u202Ex\u202Ce',
    'setup\u2066.exe\u2069',
    'setup.exe\u200E',
    'setup.ex\u200Fe',
    // NTFS stream suffixes: the file itself, a stream of it, an .exe stream of another file.
    'setup.exe::$DATA',
    'setup.exe:stream',
    'setup.exe:stream:$DATA',
    'setup.exe. ::$DATA',
    'notes.txt:run.exe',
    'C:\\downloads\\setup.exe:Zone.Identifier',
  ])('finds the .exe that %j really is', (name) => {
    expect(blockedExtension(name)).toBe('exe');
  });

  it.each([
    'Quote.pdf',
    'report.exe.pdf',
    'exe-notes.txt',
    'Meeting 10:30.pdf',
    'a\u202Efdp.txt',
    'no extension',
    'C:\\drafts\\plan.txt',
  ])('lets %j through', (name) => {
    expect(blockedExtension(name)).toBeUndefined();
  });

  it('reads a name without its controls, and each part of its stream suffix', () => {
    expect(realNames('invoice\u202Efdp.exe')).toEqual(['invoicefdp.exe']);
    expect(realNames('setup.exe::$DATA')).toEqual(['setup.exe::$DATA', 'setup.exe', '', '$DATA']);
  });
});

import { describe, expect, it } from 'vitest';
import { uploadProblem } from './upload-checks.ts';

const MB = 1024 * 1024;
const limit = 20 * MB;

describe('uploadProblem', () => {
  it('lets an ordinary file through', () => {
    expect(uploadProblem({ name: 'Quote.pdf', size: 1200 }, limit)).toBeNull();
    expect(uploadProblem({ name: 'exactly the limit.bin', size: limit }, limit)).toBeNull();
  });

  it('stops a file over the limit, naming the limit', () => {
    expect(uploadProblem({ name: 'big.mov', size: limit + 1 }, limit)).toBe(
      'Larger than the upload limit of 20 MB; not sent.',
    );
  });

  it.each(['setup.exe', 'SETUP.EXE', 'setup.exe.', 'setup.exe  ', 'a.tar.exe'])(
    'stops %s, a blocked type, whatever its case or trailing dots',
    (name) =>
      expect(uploadProblem({ name, size: 10 }, limit)).toBe(
        'Files of type .exe may not be uploaded; not sent.',
      ),
  );

  it.each(['setup.exe\u202C', 'setup.e\u202Ex\u202Ce', 'setup.exe::$DATA', 'notes.txt:run.exe'])(
    'stops %j, an .exe hidden by bidirectional controls or an NTFS stream suffix',
    (name) =>
      expect(uploadProblem({ name, size: 10 }, limit)).toBe(
        'Files of type .exe may not be uploaded; not sent.',
      ),
  );

  it('lets through a name that only contains "exe"', () => {
    expect(uploadProblem({ name: 'exe-notes.txt', size: 10 }, limit)).toBeNull();
    expect(uploadProblem({ name: 'report.exe.pdf', size: 10 }, limit)).toBeNull();
  });

  it('stops an empty file, which Bigin refuses', () => {
    expect(uploadProblem({ name: 'empty.txt', size: 0 }, limit)).toMatch(/empty/);
  });
});

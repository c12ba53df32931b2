import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { docSampleAttachmentList } from '../../../shared/doc-samples.ts';
import { viewRows } from './attachment-rows.ts';

const sample = docSampleAttachmentList.data[0]!;
const row = (
  id: string,
  File_Name: string,
  Size: string,
  Created_Time: string,
  owner = 'Patricia Boyle',
): Attachment => ({
  ...sample,
  id,
  File_Name,
  Size,
  Created_Time,
  Owner: { ...sample.Owner, name: owner },
});

const rows = [
  row('1', 'file10.pdf', '900', '2024-01-01T10:00:00+05:30'),
  row('2', 'file9.pdf', '10000', '2024-01-01T06:00:00+00:00'),
  row('3', 'Résumé.docx', '80', '2023-12-31T23:00:00-08:00', 'Kris Marrier'),
];
const ids = (list: Attachment[]) => list.map((a) => a.id);

describe('viewRows', () => {
  it('sorts sizes by bytes, not as text', () => {
    expect(ids(viewRows(rows, '', { field: 'Size', direction: 'asc' }))).toEqual(['3', '1', '2']);
  });

  it('sorts names the way people count (file9 before file10)', () => {
    expect(ids(viewRows(rows, '', { field: 'File_Name', direction: 'asc' }))).toEqual([
      '2',
      '1',
      '3',
    ]);
  });

  it('sorts timestamps by instant across offsets', () => {
    // 04:30Z, 06:00Z, and 07:00Z the next day
    expect(ids(viewRows(rows, '', { field: 'Created_Time', direction: 'asc' }))).toEqual([
      '1',
      '2',
      '3',
    ]);
  });

  it('searches names and people, ignoring case and accents, every word required', () => {
    expect(ids(viewRows(rows, 'resume', null))).toEqual(['3']);
    expect(ids(viewRows(rows, 'KRIS', null))).toEqual(['3']);
    expect(ids(viewRows(rows, 'pdf patricia', null))).toEqual(['1', '2']);
    expect(viewRows(rows, 'pdf kris', null)).toEqual([]);
  });

  it('leaves the rows it was given untouched', () => {
    const before = ids(rows);
    viewRows(rows, '', { field: 'Size', direction: 'desc' });
    expect(ids(rows)).toEqual(before);
  });
});

describe('viewRows with the type filter', () => {
  const mixed = [
    row('1', 'photo.png', '1', '2024-01-01T10:00:00Z'),
    row('2', 'Quote.pdf', '1', '2024-01-01T10:00:00Z'),
    row('3', 'notes.docx', '1', '2024-01-01T10:00:00Z'),
    {
      ...row('4', 'Website', '0', '2024-01-01T10:00:00Z'),
      $type: 'Link URL',
      $link_url: 'https://a',
    },
    row('5', 'archive.zip', '1', '2024-01-01T10:00:00Z'),
    row('6', 'invoice\u202Efdp.exe', '1', '2024-01-01T10:00:00Z'),
  ];
  it.each([
    ['images', ['1']],
    ['pdfs', ['2']],
    ['documents', ['3']],
    ['links', ['4']],
    ['other', ['5', '6']],
  ] as const)('%s keeps only its kind', (type, expected) => {
    expect(ids(viewRows(mixed, '', null, type))).toEqual(expected);
  });

  it('combines with the search', () => {
    expect(ids(viewRows(mixed, 'quote', null, 'pdfs'))).toEqual(['2']);
    expect(ids(viewRows(mixed, 'quote', null, 'images'))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { uploadedRow } from './uploaded-row.ts';

const by = { name: 'Patricia Boyle', id: '4150868000000225013' };

describe('uploadedRow', () => {
  it("is the file's name and size with what Bigin answered", () => {
    const row = uploadedRow(
      { name: 'notes.txt', size: 6 },
      {
        data: [
          {
            code: 'SUCCESS',
            status: 'success',
            message: 'attachment uploaded successfully',
            details: {
              id: '4150868000009000001',
              Created_Time: '2024-02-05T09:00:00+05:30',
              Modified_Time: '2024-02-05T09:00:00+05:30',
              Created_By: by,
              Modified_By: by,
            },
          },
        ],
      },
    );
    expect(row).toMatchObject({
      id: '4150868000009000001',
      File_Name: 'notes.txt',
      Size: '6',
      Owner: by,
      Created_By: by,
      Created_Time: '2024-02-05T09:00:00+05:30',
      $type: 'Attachment',
    });
  });

  it('is null when the answer names no id', () => {
    const answer = {
      data: [{ code: 'SUCCESS', status: 'success' as const, message: '', details: {} }],
    };
    expect(uploadedRow({ name: 'a.txt', size: 1 }, answer)).toBeNull();
  });
});

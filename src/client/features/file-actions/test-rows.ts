import type { AttachmentPage } from '../../../shared/api-contract.ts';
import type { Attachment } from '../../../shared/bigin-attachment.ts';

const person = { name: 'Patricia Boyle', id: '1' };

/** An attachment as Bigin lists it, for tests. */
export const testRow = (
  id: string,
  name: string,
  size = 100,
  created = '2026-02-01T09:00:00Z',
): Attachment => ({
  id,
  File_Name: name,
  Size: String(size),
  Created_Time: created,
  Modified_Time: created,
  Owner: person,
  Created_By: person,
  Modified_By: person,
  Parent_Id: { name: 'x', id: '9' },
  $editable: true,
  $file_id: 'f',
  $type: 'Attachment',
  $se_module: 'Contacts',
  $state: 'save',
  $link_url: null,
});

export const testPage = (rows: Attachment[], more = false): AttachmentPage => ({
  data: rows,
  info: { per_page: 200, count: rows.length, page: 1, more_records: more },
});

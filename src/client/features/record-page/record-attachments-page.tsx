import { Stack } from '@mui/material';
import { useParams } from 'react-router';
import { PAGE, px } from '../../app/record-page-geometry.ts';
import { RecordHeader } from '../record-header/record-header.tsx';
import { AttachmentsGrid } from './attachments-grid.tsx';

/** The deep link `/:module/:recordId`: one record's attachments. */
export function RecordAttachmentsPage() {
  const { module = '', recordId = '' } = useParams();
  return (
    <Stack spacing={px(PAGE.gap)}>
      <RecordHeader module={module} recordId={recordId} />
      {/* Keyed by record: another record starts from its own first page, not this one's state. */}
      <AttachmentsGrid key={`${module}/${recordId}`} module={module} recordId={recordId} />
    </Stack>
  );
}

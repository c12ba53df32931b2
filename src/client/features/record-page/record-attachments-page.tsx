import { Stack } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { PAGE, px } from '../../app/record-page-geometry.ts';
import { messages } from '../../i18n/messages.ts';
import { recordDetailQuery } from '../record-header/record-detail-query.ts';
import { RecordHeader } from '../record-header/record-header.tsx';
import { AttachmentsGrid } from './attachments-grid.tsx';

/** The deep link `/:module/:recordId`: one record's attachments. */
export function RecordAttachmentsPage() {
  const { module = '', recordId = '' } = useParams();
  const record = useQuery(recordDetailQuery(module, recordId));
  return (
    <Stack spacing={px(PAGE.gap)}>
      {/* The browser tab names the record, as its history and bookmarks then do. */}
      {record.data?.name && <title>{messages.recordHeader.documentTitle(record.data.name)}</title>}
      <RecordHeader module={module} recordId={recordId} />
      {/* Keyed by record: another record starts from its own first page, not this one's state. */}
      <AttachmentsGrid key={`${module}/${recordId}`} module={module} recordId={recordId} />
    </Stack>
  );
}

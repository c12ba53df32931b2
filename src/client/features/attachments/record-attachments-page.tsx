import { Stack, Typography } from '@mui/material';
import { useParams } from 'react-router';
import { AttachmentsGrid } from './attachments-grid.tsx';
import { gridText } from './grid-text.ts';

/** The deep link `/:module/:recordId`: one record's attachments. */
export function RecordAttachmentsPage() {
  const { module = '', recordId = '' } = useParams();
  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">
        {gridText.gridLabel(module, recordId)}
      </Typography>
      {/* Keyed by record: another record starts from its own first page, not this one's state. */}
      <AttachmentsGrid key={`${module}/${recordId}`} module={module} recordId={recordId} />
    </Stack>
  );
}

import { Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { attachmentPageQuery } from './attachment-queries.ts';
import { AttachmentsGrid } from './attachments-grid.tsx';

/** The deep link `/:module/:recordId`: one record's attachments. */
export function RecordAttachmentsPage() {
  const { module = '', recordId = '' } = useParams();
  const query = useQuery(attachmentPageQuery(module, recordId, 1));

  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">
        Attachments of {module} record {recordId}
      </Typography>
      {query.isError ? (
        <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <AttachmentsGrid
          rows={query.data?.data ?? []}
          loading={query.isPending}
          label={`Attachments of ${module} record ${recordId}`}
        />
      )}
    </Stack>
  );
}

import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Box, Button, Skeleton, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link as RouterLink } from 'react-router';
import { pickerPath } from '../../app/paths.ts';
import { px, RECORD_HEADER } from '../../app/record-page-geometry.ts';
import { visuallyHidden } from '../../components/visually-hidden.ts';
import { messages } from '../../i18n/messages.ts';
import { useModuleLabel } from '../../lib/module-queries.ts';
import { rememberRecentRecord } from '../../lib/recent-records.ts';
import { RecordPhoto } from '../record-photo/record-photo.tsx';
import { recordDetailQuery } from './record-detail-query.ts';

interface RecordHeaderProps {
  module: string;
  recordId: string;
}

const words = messages.recordHeader;

/**
 * Names the record on screen: its name, its module's singular label ("Company" for `Accounts`),
 * and a way back to the pickers. A failure to load the name is not shown here: the page's own
 * banner explains it, and the header falls back to the module and id.
 */
export function RecordHeader({ module, recordId }: RecordHeaderProps) {
  const moduleLabel = useModuleLabel(module);
  const record = useQuery(recordDetailQuery(module, recordId));
  const name = record.data?.name;

  useEffect(() => {
    // A record that really opened is offered again on the home page.
    if (name !== undefined) rememberRecentRecord({ module, id: recordId, name });
  }, [module, recordId, name]);

  return (
    <Stack component="header" spacing={px(RECORD_HEADER.gap)}>
      <Box>
        <Button
          component={RouterLink}
          to={pickerPath(module)}
          startIcon={<ArrowBackIcon aria-hidden />}
          size="small"
        >
          {words.backToPickers}
        </Button>
      </Box>
      <Stack
        direction="row"
        spacing={px(RECORD_HEADER.photoGap)}
        sx={{ alignItems: 'center', minWidth: 0 }}
      >
        <RecordPhoto
          module={module}
          recordId={recordId}
          name={record.isPending ? undefined : (name ?? moduleLabel)}
          hasPhotoField={record.data?.hasPhotoField ?? false}
          hasPhoto={record.data?.hasPhoto}
        />
        <Box sx={{ minWidth: 0 }}>
          <Typography
            variant="overline"
            component="p"
            color="text.secondary"
            sx={{ lineHeight: RECORD_HEADER.overlineLineHeight }}
          >
            {moduleLabel}
          </Typography>
          <Typography variant="h5" component="h1" sx={{ overflowWrap: 'anywhere' }}>
            {record.isPending ? (
              <>
                <Skeleton width="12em" aria-hidden />
                <Box component="span" sx={visuallyHidden}>
                  {words.loading}
                </Box>
              </>
            ) : (
              (name ?? words.unnamed(moduleLabel, recordId))
            )}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {words.recordId(recordId)}
          </Typography>
        </Box>
      </Stack>
    </Stack>
  );
}

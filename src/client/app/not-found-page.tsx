import { Button, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import { messages } from '../i18n/messages.ts';

const words = messages.notFound;

/** Any address the app has no page for: under the app bar, with a way home. */
export function NotFoundPage() {
  return (
    <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
      <Typography variant="h4" component="h1">
        {words.title}
      </Typography>
      <Typography sx={{ overflowWrap: 'anywhere' }}>{words.what}</Typography>
      <Button component={RouterLink} to="/" variant="contained">
        {words.home}
      </Button>
    </Stack>
  );
}

import {
  Button,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Paper,
  Stack,
  Typography,
} from '@mui/material';
import { Link as RouterLink } from 'react-router';
import type { ModuleInfo } from '../../../shared/modules.ts';
import { recordPath } from '../../app/paths.ts';
import { messages } from '../../i18n/messages.ts';
import { clearRecentRecords, useRecentRecords } from '../../lib/recent-records.ts';

const words = messages.recentRecords;

/** The records opened lately in this browser, newest first. */
export function RecentRecordsList({ modules }: { modules: ModuleInfo[] }) {
  const recent = useRecentRecords();
  const labelOf = (apiName: string) =>
    modules.find((m) => m.api_name === apiName)?.singular_label ?? apiName;

  return (
    <Stack component="section" aria-labelledby="recent-records-title" spacing={1}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography id="recent-records-title" variant="h6" component="h2">
          {words.title}
        </Typography>
        {recent.length > 0 && (
          <Button size="small" onClick={clearRecentRecords}>
            {words.clear}
          </Button>
        )}
      </Stack>
      {recent.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {words.empty}
        </Typography>
      ) : (
        <Paper variant="outlined">
          <List disablePadding>
            {recent.map((record) => (
              <ListItem key={`${record.module}/${record.id}`} disablePadding divider>
                <ListItemButton component={RouterLink} to={recordPath(record.module, record.id)}>
                  <ListItemText
                    primary={record.name}
                    secondary={words.moduleAndId(labelOf(record.module), record.id)}
                  />
                </ListItemButton>
              </ListItem>
            ))}
          </List>
        </Paper>
      )}
    </Stack>
  );
}

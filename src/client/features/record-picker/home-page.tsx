import { useState } from 'react';
import { Divider, Stack, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import type { ModuleInfo } from '../../../shared/modules.ts';
import { recordPath } from '../../app/paths.ts';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { messages } from '../../i18n/messages.ts';
import { modulesQuery } from '../../lib/module-queries.ts';
import { useRecentRecords } from '../../lib/recent-records.ts';
import { ModulePicker } from './module-picker.tsx';
import { OpenByIdForm } from './open-by-id-form.tsx';
import { RecentRecordsList } from './recent-records-list.tsx';
import { RecordPicker } from './record-picker.tsx';

/** The module the home page starts on, when the address names none. */
const PREFERRED_MODULE = 'Contacts';

/** Home: choose a module, then find a record by typing or from its recent records. */
export function HomePage({ onReachForRecord }: { onReachForRecord?: () => void }) {
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const modules = useQuery(modulesQuery());
  const recent = useRecentRecords();
  const list = modules.data ?? [];

  // The chosen module lives in the address, so that back from a record returns to it. It is
  // also held here at once: the router renders the address change later, and the record
  // picker, made anew for the new module, would then clear what was typed in between.
  const inAddress = searchParams.get('module');
  const [chosen, setChosen] = useState({ module: inAddress, seen: inAddress });
  if (chosen.seen !== inAddress) setChosen({ module: inAddress, seen: inAddress });
  const wanted = chosen.module ?? recent[0]?.module ?? PREFERRED_MODULE;
  const module: ModuleInfo | null =
    list.find((m) => m.api_name === wanted) ??
    list.find((m) => m.api_name === PREFERRED_MODULE) ??
    list[0] ??
    null;

  const chooseModule = (next: ModuleInfo) => {
    setChosen({ module: next.api_name, seen: chosen.seen });
    setSearchParams({ module: next.api_name }, { replace: true });
  };

  return (
    <Stack spacing={3}>
      <div>
        <Typography variant="h4" component="h1" gutterBottom>
          {messages.home.title}
        </Typography>
        <Typography variant="body1" color="text.secondary">
          {messages.home.intro}
        </Typography>
      </div>
      {modules.isError ? (
        <ErrorBanner error={modules.error} onRetry={() => void modules.refetch()} />
      ) : (
        <Stack
          direction={{ xs: 'column', sm: 'row' }}
          spacing={2}
          sx={{ alignItems: 'flex-start' }}
          onFocusCapture={onReachForRecord}
        >
          <ModulePicker
            modules={list}
            loading={modules.isPending}
            value={module}
            onChange={chooseModule}
          />
          {module ? (
            <RecordPicker
              key={module.api_name}
              module={module}
              onPick={(record) => void navigate(recordPath(module.api_name, record.id))}
            />
          ) : (
            // Holds the record picker's place while the modules load, so nothing jumps.
            <TextField
              label={messages.recordPicker.recordLabel}
              helperText={messages.recordPicker.chooseModuleFirst}
              disabled
              sx={{ flexGrow: 1, width: { xs: '100%', sm: 'auto' } }}
            />
          )}
        </Stack>
      )}
      <RecentRecordsList modules={list} />
      <Divider />
      <OpenByIdForm defaultModule={module?.api_name ?? PREFERRED_MODULE} modules={list} />
    </Stack>
  );
}

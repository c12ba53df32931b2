import {
  Autocomplete,
  Box,
  CircularProgress,
  createFilterOptions,
  TextField,
  Typography,
} from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { RecordSummary } from '../../../shared/api-contract.ts';
import type { ModuleInfo } from '../../../shared/modules.ts';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { messages } from '../../i18n/messages.ts';
import { ApiClientError } from '../../lib/api-client.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import {
  MIN_SEARCH_LENGTH,
  recentRecordsQuery,
  recordSearchQuery,
  searchWordOf,
} from './record-queries.ts';

/** Long enough to span a burst of keystrokes, short enough to feel immediate. */
export const SEARCH_DEBOUNCE_MS = 300;

interface RecordPickerProps {
  module: ModuleInfo;
  onPick: (record: RecordSummary) => void;
}

const words = messages.recordPicker;
/** The recent records narrowed by what is typed, in their names and second lines. */
const filterByName = createFilterOptions<RecordSummary>({
  stringify: (r) => `${r.name} ${r.detail ?? ''}`,
});

/**
 * Refusals that mean this user may not read the module's records at all: said once, in the
 * field, rather than as a banner beside an empty list.
 */
const NOT_READABLE = new Set(['AUTHORIZATION_FAILED', 'NO_PERMISSION', 'INVALID_MODULE']);

/**
 * Two letters or more search the module with Bigin's word search (after a pause in typing);
 * fewer show the module's recent records.
 */
export function RecordPicker({ module, onPick }: RecordPickerProps) {
  const [input, setInput] = useState('');
  const typed = searchWordOf(input);
  const word = useDebouncedValue(typed, SEARCH_DEBOUNCE_MS);
  const searching = word.length >= MIN_SEARCH_LENGTH;

  const recent = useQuery({ ...recentRecordsQuery(module.api_name), enabled: !searching });
  const search = useQuery({
    ...recordSearchQuery(module.api_name, word),
    enabled: searching,
    // The last matches stay listed while the next ones load, so the list does not flicker.
    placeholderData: keepPreviousData,
  });
  const active = searching ? search : recent;
  const options = active.data?.data ?? [];
  const waiting = active.isFetching || typed !== word;
  const refusal =
    active.error instanceof ApiClientError && NOT_READABLE.has(active.error.code)
      ? words.notReadable(module.plural_label)
      : null;
  const failed = active.isError && !refusal;

  return (
    <Box sx={{ flexGrow: 1, minWidth: 0 }}>
      <Autocomplete
        options={options}
        value={null}
        inputValue={input}
        onInputChange={(_event, value, reason) => {
          // After a pick the input would be reset to the record's name: the page changes anyway.
          if (reason !== 'reset') setInput(value);
        }}
        onChange={(_event, record) => {
          if (record) onPick(record);
        }}
        getOptionLabel={(record) => record.name}
        getOptionKey={(record) => record.id}
        isOptionEqualToValue={(option, picked) => option.id === picked.id}
        // The server has filtered the matches; only the recent list is narrowed here.
        filterOptions={searching ? (list) => list : filterByName}
        autoHighlight
        loading={waiting}
        loadingText={searching ? words.searching : words.loadingRecent}
        noOptionsText={
          refusal ??
          (failed ? words.notLoaded : searching ? words.noMatches(word) : words.noRecords)
        }
        renderOption={({ key, ...props }, record) => (
          <li key={key} {...props}>
            <Box sx={{ minWidth: 0 }}>
              <Typography variant="body1" sx={{ overflowWrap: 'anywhere' }}>
                {record.name}
              </Typography>
              {/* What tells it from another of the same name; else its id. */}
              <Typography
                variant="body2"
                component="p"
                color="text.secondary"
                sx={{ overflowWrap: 'anywhere' }}
              >
                {record.detail ?? words.recordId(record.id)}
              </Typography>
            </Box>
          </li>
        )}
        renderInput={(params) => (
          <TextField
            {...params}
            label={words.recordLabel}
            error={refusal !== null}
            helperText={
              refusal ??
              (searching && search.data?.info.more_records ? words.moreRecords : words.recordHelper)
            }
            slotProps={{
              ...params.slotProps,
              input: {
                ...params.slotProps.input,
                endAdornment: (
                  <>
                    {waiting && <CircularProgress color="inherit" size={20} aria-hidden />}
                    {params.slotProps.input.endAdornment}
                  </>
                ),
              },
            }}
          />
        )}
      />
      {failed && (
        <Box sx={{ mt: 2 }}>
          <ErrorBanner error={active.error} onRetry={() => void active.refetch()} />
        </Box>
      )}
    </Box>
  );
}

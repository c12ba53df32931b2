import { Button, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { recordPath } from '../../app/paths.ts';

/** Open a record's attachments by module and id. */
export function HomePage() {
  const navigate = useNavigate();
  const [module, setModule] = useState('Contacts');
  const [recordId, setRecordId] = useState('');
  const idValid = /^\d{1,19}$/.test(recordId);

  const open = (event: FormEvent) => {
    event.preventDefault();
    if (module && idValid) void navigate(recordPath(module, recordId));
  };

  return (
    <Stack component="form" spacing={2} onSubmit={open} sx={{ maxWidth: 480 }}>
      <Typography variant="h5" component="h1">
        Open a record
      </Typography>
      <TextField
        label="Module"
        value={module}
        onChange={(e) => setModule(e.target.value.trim())}
        required
      />
      <TextField
        label="Record id"
        value={recordId}
        onChange={(e) => setRecordId(e.target.value.trim())}
        required
        error={recordId !== '' && !idValid}
        helperText={
          recordId !== '' && !idValid
            ? 'A Bigin record id is 1 to 19 digits.'
            : "The digits at the end of the record's address in Bigin."
        }
        slotProps={{ htmlInput: { inputMode: 'numeric' } }}
      />
      <Button type="submit" variant="contained" disabled={!module || !idValid}>
        Show attachments
      </Button>
    </Stack>
  );
}

import { Button, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { moduleNameSchema, type ModuleInfo } from '../../../shared/modules.ts';
import { recordPath } from '../../app/paths.ts';
import { messages } from '../../i18n/messages.ts';
import { recordOfAddress } from './record-address.ts';

const words = messages.openById;
const ID_PATTERN = /^\d{1,19}$/;

interface OpenByIdFormProps {
  defaultModule: string;
  /** The org's modules, to read a pasted address's module by (empty while they load). */
  modules: readonly ModuleInfo[];
}

/**
 * For a record copied out of Bigin: its module's API name and id, or its whole address pasted
 * into either field (Bigin's web app, its API, or this app's; record-address.ts), which fills
 * both.
 */
export function OpenByIdForm({ defaultModule, modules }: OpenByIdFormProps) {
  const navigate = useNavigate();
  // Untouched, the field follows the module chosen in the pickers above.
  const [typedModule, setModule] = useState<string | null>(null);
  const module = typedModule ?? defaultModule;
  const [recordId, setRecordId] = useState('');
  const moduleValid = moduleNameSchema.safeParse(module).success;
  const idValid = ID_PATTERN.test(recordId);
  /** A pasted address fills both fields; anything else is the field's own value. */
  const take = (value: string, own: (value: string) => void) => {
    const found = recordOfAddress(value, modules);
    if (!found) return own(value.trim());
    setModule(found.module);
    setRecordId(found.recordId);
  };

  const open = (event: FormEvent) => {
    event.preventDefault();
    if (moduleValid && idValid) void navigate(recordPath(module, recordId));
  };

  return (
    <Stack
      component="form"
      aria-labelledby="open-by-id-title"
      spacing={2}
      onSubmit={open}
      noValidate
    >
      <Typography id="open-by-id-title" variant="h6" component="h2">
        {words.title}
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <TextField
          label={words.moduleLabel}
          value={module}
          onChange={(e) => take(e.target.value, setModule)}
          required
          error={module !== '' && !moduleValid}
          helperText={module !== '' && !moduleValid ? words.invalidModule : words.moduleHelper}
          sx={{ width: { xs: '100%', sm: 260 } }}
        />
        <TextField
          label={words.recordIdLabel}
          value={recordId}
          onChange={(e) => take(e.target.value, setRecordId)}
          required
          error={recordId !== '' && !idValid}
          helperText={recordId !== '' && !idValid ? words.invalidRecordId : words.recordIdHelper}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          sx={{ flexGrow: 1, width: { xs: '100%', sm: 'auto' } }}
        />
      </Stack>
      <div>
        <Button type="submit" variant="outlined" disabled={!moduleValid || !idValid}>
          {words.submit}
        </Button>
      </div>
    </Stack>
  );
}

import { Autocomplete, TextField } from '@mui/material';
import { useState } from 'react';
import type { ModuleInfo } from '../../../shared/modules.ts';
import { messages } from '../../i18n/messages.ts';

interface ModulePickerProps {
  modules: ModuleInfo[];
  loading: boolean;
  value: ModuleInfo | null;
  onChange: (module: ModuleInfo) => void;
}

const words = messages.recordPicker;

/** The org's modules under the labels Bigin's settings give them ("Companies" for `Accounts`). */
export function ModulePicker({ modules, loading, value, onChange }: ModulePickerProps) {
  // What the user typed and has not yet settled (by choosing, or leaving the field). The module
  // list may arrive after the first keys: the default module it brings must not overwrite them.
  const [typed, setTyped] = useState<string | null>(null);
  return (
    <Autocomplete
      options={modules}
      value={value}
      inputValue={typed ?? value?.plural_label ?? ''}
      onInputChange={(_event, text, reason) => {
        if (reason === 'input' || reason === 'clear') setTyped(text);
        else if (reason !== 'reset') setTyped(null);
      }}
      onChange={(_event, module) => {
        setTyped(null);
        if (module) onChange(module);
      }}
      getOptionLabel={(module) => module.plural_label}
      isOptionEqualToValue={(option, selected) => option.api_name === selected.api_name}
      loading={loading}
      loadingText={words.modulesLoading}
      noOptionsText={words.noModules}
      // Typing "comp" and pressing Enter picks Companies.
      autoHighlight
      disableClearable={value !== null}
      openOnFocus={false}
      renderInput={(params) => (
        <TextField {...params} label={words.moduleLabel} helperText={words.moduleHelper} />
      )}
      sx={{ width: { xs: '100%', sm: 260 }, flexShrink: 0 }}
    />
  );
}

import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ModuleInfo } from '../../../shared/modules.ts';
import { ModulePicker } from './module-picker.tsx';

const module = (api_name: string, plural_label: string): ModuleInfo => ({
  api_name,
  plural_label,
  singular_label: plural_label,
  api_supported: true,
});
const CONTACTS = module('Contacts', 'Contacts');
const COMPANIES = module('Accounts', 'Companies');

describe('ModulePicker', () => {
  it('keeps what was typed before the module list arrived, and Enter then picks its match', async () => {
    const onChange = vi.fn();
    const { rerender } = render(
      <ModulePicker modules={[]} loading value={null} onChange={onChange} />,
    );
    const picker = screen.getByRole('combobox', { name: 'Module' });
    await userEvent.type(picker, 'Comp');
    // The list arrives with its default module while the user is still in the field.
    rerender(
      <ModulePicker
        modules={[COMPANIES, CONTACTS]}
        loading={false}
        value={CONTACTS}
        onChange={onChange}
      />,
    );
    expect(picker).toHaveValue('Comp');
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(['Companies']);
    await userEvent.keyboard('{Enter}');
    expect(onChange).toHaveBeenCalledWith(COMPANIES);
  });

  it("shows the chosen module's label when nothing is being typed", () => {
    render(
      <ModulePicker modules={[CONTACTS]} loading={false} value={CONTACTS} onChange={vi.fn()} />,
    );
    expect(screen.getByRole('combobox', { name: 'Module' })).toHaveValue('Contacts');
  });
});

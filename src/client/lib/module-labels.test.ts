import { beforeEach, describe, expect, it } from 'vitest';
import { rememberedModuleLabel, rememberModuleLabels } from './module-labels.ts';

beforeEach(() => localStorage.clear());

describe('module labels kept in the browser', () => {
  it('names a module as Bigin labels it, once the org’s modules were read', () => {
    expect(rememberedModuleLabel('Pipelines')).toBeUndefined();
    rememberModuleLabels([
      { api_name: 'Pipelines', singular_label: 'Pipeline' },
      { api_name: 'Accounts', singular_label: 'Company' },
    ]);
    expect(rememberedModuleLabel('Pipelines')).toBe('Pipeline');
    expect(rememberedModuleLabel('Accounts')).toBe('Company');
    expect(rememberedModuleLabel('constructor')).toBeUndefined();
  });

  it('reads nothing from a value it did not write', () => {
    localStorage.setItem('bigin-attachments.module-labels', '{"Contacts": 7');
    expect(rememberedModuleLabel('Contacts')).toBeUndefined();
    localStorage.setItem('bigin-attachments.module-labels', '{"Contacts": 7}');
    expect(rememberedModuleLabel('Contacts')).toBeUndefined();
  });
});

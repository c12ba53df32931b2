import { describe, expect, it } from 'vitest';
import type { ModuleInfo } from '../../shared/modules.ts';
import { findModule } from './module-names.ts';

const module = (api_name: string, plural_label: string, singular_label: string): ModuleInfo => ({
  api_name,
  plural_label,
  singular_label,
  api_supported: true,
});
const V2 = [
  module('Contacts', 'Contacts', 'Contact'),
  module('Accounts', 'Companies', 'Company'),
  module('Pipelines', 'Pipelines', 'Pipeline'),
];
const V1 = [module('Deals', 'Pipelines', 'Pipeline')];

describe('findModule', () => {
  it.each([
    [V2, 'Contacts', 'Contacts'],
    [V2, 'contacts', 'Contacts'],
    [V2, 'CONTACTS', 'Contacts'],
    [V2, 'companies', 'Accounts'],
    [V2, 'Company', 'Accounts'],
    [V2, 'deals', 'Pipelines'],
    [V1, 'pipelines', 'Deals'],
    [V1, 'deals', 'Deals'],
  ])('%#: %s is %s', (modules, name, expected) => {
    expect(findModule(modules, name)?.api_name).toBe(expected);
  });

  it('finds nothing for a name the org has not', () => {
    expect(findModule(V2, 'Invoices')).toBeUndefined();
  });
});

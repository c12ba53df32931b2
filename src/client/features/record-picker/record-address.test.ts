import { describe, expect, it } from 'vitest';
import type { ModuleInfo } from '../../../shared/modules.ts';
import { recordOfAddress } from './record-address.ts';

const module = (api_name: string, plural_label: string, singular_label: string): ModuleInfo => ({
  api_name,
  plural_label,
  singular_label,
  api_supported: true,
});
/** A v2 org: Deals is `Pipelines`. */
const MODULES = [
  module('Contacts', 'Contacts', 'Contact'),
  module('Accounts', 'Companies', 'Company'),
  module('Pipelines', 'Pipelines', 'Pipeline'),
  module('Products', 'Products', 'Product'),
  module('Tasks', 'Tasks', 'Task'),
];
const ID = '4150868000002728001';

describe('recordOfAddress', () => {
  it.each([
    [`https://bigin.zoho.com/bigin/org123/Home#/contacts/${ID}`, 'Contacts'],
    [`https://bigin.zoho.eu/bigin/zylkertravels/Home#/contacts/${ID}?tab=notes`, 'Contacts'],
    [`https://bigin.zohocloud.ca/bigin/org9/Home#/accounts/${ID}/timeline`, 'Accounts'],
    [`https://bigin.zoho.in/bigin/org9/Home#/companies/${ID}`, 'Accounts'],
    [
      `https://bigin.zoho.com/bigin/org9/Home#/deals/${ID}?pipeline=4150868000000091023`,
      'Pipelines',
    ],
    [`https://bigin.zoho.com/bigin/org9/Home#/pipelines/${ID}`, 'Pipelines'],
    [`https://bigin.zoho.com/bigin/org9/Home#/tasks/${ID}`, 'Tasks'],
    [`https://www.zohoapis.com/bigin/v2/Contacts/${ID}/Attachments/123`, 'Contacts'],
    [`http://127.0.0.1:8080/Products/${ID}?page=2`, 'Products'],
    [`https://attachments.example.com/embed/Contacts/${ID}?token=be1.x.y`, 'Contacts'],
    [`  https://bigin.zoho.com/bigin/org123/Home#/Contacts/${ID}  `, 'Contacts'],
  ])('%s opens %s', (address, expected) => {
    expect(recordOfAddress(address, MODULES)).toEqual({ module: expected, recordId: ID });
  });

  it.each([
    ['no address', ID],
    ['no record', 'https://bigin.zoho.com/bigin/org123/Home#/contacts'],
    ['a module the org lacks', `https://bigin.zoho.com/bigin/org1/Home#/invoices/${ID}`],
    ['an id too long', `https://bigin.zoho.com/bigin/org1/Home#/contacts/${ID}0`],
    ['another scheme', `javascript:alert(1)//Contacts/${ID}`],
  ])('%s: null', (_label, address) => {
    expect(recordOfAddress(address, MODULES)).toBeNull();
  });

  it('takes the module as written when the org’s list is not known', () => {
    expect(recordOfAddress(`https://x.example/Contacts/${ID}`, [])).toEqual({
      module: 'Contacts',
      recordId: ID,
    });
  });
});

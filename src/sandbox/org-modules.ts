import type { ModuleInfo } from '../shared/modules.ts';

/** The modules of the sandbox org, as `GET /settings/modules` answers them. */
export const ORG_MODULES: ModuleInfo[] = [
  {
    api_name: 'Accounts',
    plural_label: 'Companies',
    singular_label: 'Company',
    api_supported: true,
  },
  {
    api_name: 'Contacts',
    plural_label: 'Contacts',
    singular_label: 'Contact',
    api_supported: true,
  },
  { api_name: 'Deals', plural_label: 'Pipelines', singular_label: 'Pipeline', api_supported: true },
  {
    api_name: 'Products',
    plural_label: 'Products',
    singular_label: 'Product',
    api_supported: true,
  },
  { api_name: 'Tasks', plural_label: 'Tasks', singular_label: 'Task', api_supported: true },
  { api_name: 'Events', plural_label: 'Events', singular_label: 'Event', api_supported: true },
  { api_name: 'Calls', plural_label: 'Calls', singular_label: 'Call', api_supported: true },
  // Present in the org, but Bigin's API does not serve them.
  { api_name: 'Leads', plural_label: 'Leads', singular_label: 'Lead', api_supported: false },
  {
    api_name: 'Documents',
    plural_label: 'Documents',
    singular_label: 'Document',
    api_supported: false,
  },
  {
    api_name: 'Projects',
    plural_label: 'Projects',
    singular_label: 'Project',
    api_supported: false,
  },
];

export const findOrgModule = (apiName: string) => ORG_MODULES.find((m) => m.api_name === apiName);

/** The field that names a record in each module of the sandbox org (its field metadata's display field). */
export const NAME_FIELDS: Record<string, string> = {
  Contacts: 'Full_Name',
  Accounts: 'Account_Name',
  Deals: 'Deal_Name',
  Products: 'Product_Name',
  Tasks: 'Subject',
  // Bigin's Events are titled, not given a subject.
  Events: 'Event_Title',
  Calls: 'Subject',
};

export type ApiVersion = 'v1' | 'v2';
export const API_VERSIONS: readonly ApiVersion[] = ['v1', 'v2'];

/** v2 names the Deals module `Pipelines` (its label in Bigin's screens); v1 names it `Deals`. */
const RENAMED_IN_V2: Record<string, string> = { Deals: 'Pipelines' };

/** The module's API name as a version writes it in URLs and answers. */
export const apiNameIn = (version: ApiVersion, module: string): string =>
  version === 'v2' ? (RENAMED_IN_V2[module] ?? module) : module;

/**
 * The org's module behind an API name of a version, or undefined when the version has no such
 * name (v2 has no `Deals`, v1 no `Pipelines`): Bigin answers those INVALID_MODULE.
 */
export function moduleOfApiName(version: ApiVersion, apiName: string): string | undefined {
  const module =
    version === 'v2'
      ? (Object.entries(RENAMED_IN_V2).find(([, renamed]) => renamed === apiName)?.[0] ?? apiName)
      : apiName;
  return apiNameIn(version, module) === apiName ? module : undefined;
}

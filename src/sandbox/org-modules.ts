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

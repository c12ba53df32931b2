import type { ModuleInfo } from '../../shared/modules.ts';

/**
 * Words Bigin's own screens and addresses use for a module besides its API name and labels: the
 * Deals module is "Pipelines" on v2 and in Bigin's screens, and Companies is `Accounts`.
 */
const ALIASES: Record<string, string[]> = {
  deals: ['pipelines', 'pipeline'],
  pipelines: ['deals', 'deal'],
  accounts: ['companies', 'company'],
};

const same = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' }) === 0;

/**
 * The org's module a name means, however it is written: the API name exactly, else the API name
 * or a label in another case ("contacts", "Companies"), else a word Bigin's screens use for it
 * ("deals" for `Pipelines`). Undefined when it names none of them.
 */
export function findModule(modules: readonly ModuleInfo[], name: string): ModuleInfo | undefined {
  const exact = modules.find((m) => m.api_name === name);
  if (exact) return exact;
  const byName = modules.find(
    (m) => same(m.api_name, name) || same(m.plural_label, name) || same(m.singular_label, name),
  );
  if (byName) return byName;
  return modules.find((m) => (ALIASES[m.api_name.toLowerCase()] ?? []).some((a) => same(a, name)));
}

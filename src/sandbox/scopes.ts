import type { DemoUser } from './seed.ts';

/** The scope names Bigin uses for each module (v2 calls Deals "pipelines"; both are taken). */
const MODULE_SCOPE_NAMES: Record<string, string[]> = {
  Contacts: ['contacts'],
  Accounts: ['accounts'],
  Deals: ['deals', 'pipelines'],
  Products: ['products'],
  Tasks: ['tasks'],
  Events: ['events'],
  Calls: ['calls'],
  Notes: ['notes'],
};

export type Operation = 'READ' | 'CREATE' | 'WRITE' | 'DELETE';

/** Zoho takes scopes separated by commas (its documents) or spaces (OAuth's spec). */
export const parseScopes = (raw: string): string[] => raw.split(/[\s,]+/).filter(Boolean);

/**
 * What a user's consent grants of what was asked. Jordan Lee's consent left out the attachments
 * scopes, and `ZohoBigin.modules.ALL` (which would cover attachments) became one scope per module.
 */
export function grantedScopes(requested: string[], user: DemoUser): string[] {
  if (!user.consentWithoutAttachments) return requested;
  return requested.flatMap((scope) => {
    const lower = scope.toLowerCase();
    if (lower.startsWith('zohobigin.modules.attachments.')) return [];
    if (lower === 'zohobigin.modules.all') {
      return Object.values(MODULE_SCOPE_NAMES).map((names) => `ZohoBigin.modules.${names[0]}.ALL`);
    }
    return [scope];
  });
}

const has = (scopes: string[], ...wanted: string[]) => {
  const held = new Set(scopes.map((s) => s.toLowerCase()));
  return wanted.some((w) => held.has(w.toLowerCase()));
};

/** Operations a scope's suffix covers: WRITE covers CREATE and UPDATE in Zoho's scheme. */
const SUFFIXES: Record<Operation, string[]> = {
  READ: ['ALL', 'READ'],
  CREATE: ['ALL', 'CREATE', 'WRITE'],
  WRITE: ['ALL', 'WRITE', 'UPDATE'],
  DELETE: ['ALL', 'DELETE'],
};

export function canUseModule(scopes: string[], module: string, op: Operation): boolean {
  const names = MODULE_SCOPE_NAMES[module] ?? [module.toLowerCase()];
  const wanted = names.flatMap((n) => SUFFIXES[op].map((s) => `ZohoBigin.modules.${n}.${s}`));
  return has(scopes, 'ZohoBigin.modules.ALL', ...wanted);
}

/**
 * Attachments need `ZohoBigin.modules.ALL`, or a scope on the module together with
 * `ZohoBigin.modules.attachments.{ALL|operation}` (Bigin's attachment pages).
 */
export function canUseAttachments(scopes: string[], module: string, op: Operation): boolean {
  if (has(scopes, 'ZohoBigin.modules.ALL')) return true;
  const anyOnModule = (['READ', 'CREATE', 'WRITE', 'DELETE'] as const).some((o) =>
    canUseModule(scopes, module, o),
  );
  const onAttachments = SUFFIXES[op].map((s) => `ZohoBigin.modules.attachments.${s}`);
  return anyOnModule && has(scopes, ...onAttachments);
}

export const canReadModuleSettings = (scopes: string[]) =>
  has(
    scopes,
    'ZohoBigin.settings.ALL',
    'ZohoBigin.settings.modules.ALL',
    'ZohoBigin.settings.modules.READ',
  );

export const canSearch = (scopes: string[]) =>
  has(scopes, 'ZohoSearch.securesearch.ALL', 'ZohoSearch.securesearch.READ');

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
 * scopes: `ZohoBigin.modules.ALL` alone opens no attachments.
 */
export function grantedScopes(requested: string[], user: DemoUser): string[] {
  if (!user.consentWithoutAttachments) return requested;
  return requested.filter((scope) => !/^zohobigin\.modules\.attachments\./i.test(scope));
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
 * An attachment call needs two scopes, as Bigin's v2 attachment pages list them: one on the
 * module (`ZohoBigin.modules.ALL`, or `ZohoBigin.modules.{module}.{ALL|operation}`) and one on
 * attachments (`ZohoBigin.modules.attachments.{ALL|operation}`). `ZohoBigin.modules.ALL` alone
 * opens no attachments. An upload (CREATE) takes `.CREATE` or `.WRITE` on either.
 */
export function canUseAttachments(scopes: string[], module: string, op: Operation): boolean {
  const onAttachments = SUFFIXES[op].map((s) => `ZohoBigin.modules.attachments.${s}`);
  return canUseModule(scopes, module, op) && has(scopes, ...onAttachments);
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

/** The field metadata (`GET /settings/fields`), where each module's name field is marked. */
export const canReadFieldSettings = (scopes: string[]) =>
  has(
    scopes,
    'ZohoBigin.settings.ALL',
    'ZohoBigin.settings.fields.ALL',
    'ZohoBigin.settings.fields.READ',
  );

/** Zoho Accounts' user info (`/oauth/user/info`): the profile scope, read or all. */
export const canReadProfile = (scopes: string[]) =>
  has(scopes, 'AaaServer.profile.READ', 'AaaServer.profile.ALL');

import type { FastifyRequest } from 'fastify';
import { BiginFailure } from './bigin-failure.ts';
import { findOrgModule } from './org-modules.ts';
import { canUseAttachments, canUseModule, type Operation } from './scopes.ts';
import { findDemoUser, type DemoUser } from './seed.ts';
import type { TokenStore } from './tokens.ts';

export interface Caller {
  user: DemoUser;
  scopes: string[];
}

/** Who is calling, from `Authorization: Zoho-oauthtoken <token>` (not `Bearer`). */
export function authenticate(request: FastifyRequest, tokens: TokenStore): Caller {
  const header = request.headers.authorization ?? '';
  const match = /^Zoho-oauthtoken (\S+)$/.exec(header);
  if (!match) throw new BiginFailure('AUTHENTICATION_FAILURE');
  const grant = tokens.findAccessToken(match[1]!);
  const user = grant && findDemoUser(grant.userId);
  if (!grant || !user) throw new BiginFailure('INVALID_TOKEN');
  return { user, scopes: grant.scopes };
}

/** An unknown module, or one the org has but the API does not serve (Leads, Documents...). */
export function requireModule(apiName: string, supported?: readonly string[]): void {
  const module = findOrgModule(apiName);
  if (!module) throw new BiginFailure('INVALID_MODULE', { resource_path_index: 0 });
  if (!module.api_supported || (supported && !supported.includes(apiName))) {
    throw new BiginFailure(
      'INVALID_MODULE',
      { resource_path_index: 0 },
      'The given module is not supported in API',
    );
  }
}

const VERBS: Record<Operation, string> = {
  READ: 'read',
  CREATE: 'create',
  WRITE: 'edit',
  DELETE: 'delete',
};

/** The token's scopes, then the user's privilege on the module (Alex Chen has none on Products). */
export function requireModuleAccess(caller: Caller, module: string, op: Operation): void {
  if (!canUseModule(caller.scopes, module, op)) throw new BiginFailure('OAUTH_SCOPE_MISMATCH');
  requireModulePrivilege(caller, module, `${VERBS[op]} ${module}`);
}

function requireModulePrivilege(caller: Caller, module: string, what: string): void {
  if (caller.user.deniedModules.includes(module)) {
    throw new BiginFailure(
      'AUTHORIZATION_FAILED',
      {},
      `User does not have sufficient privilege to ${what}`,
    );
  }
}

const ATTACHMENT_WORDS: Record<Operation, { message: string; permission: string; what: string }> = {
  READ: {
    message: 'Permission denied to read attachment details',
    permission: 'Crm_Implied_View_Attachments',
    what: 'read attachments',
  },
  CREATE: {
    message: 'Permission denied to upload attachments',
    permission: 'Crm_Implied_Create_Attachments',
    what: 'upload attachments',
  },
  WRITE: {
    message: 'Permission denied to edit attachments',
    permission: 'Crm_Implied_Edit_Attachments',
    what: 'edit attachments',
  },
  DELETE: {
    message: 'Permission denied to delete attachments',
    permission: 'Crm_Implied_Delete_Attachments',
    what: 'delete attachments',
  },
};

/**
 * Attachment calls: the token's scopes (Jordan Lee's lack the attachments scope), the module
 * privilege (Alex Chen, Products), then the profile's attachment permission (Sam Rivera).
 */
export function requireAttachmentAccess(caller: Caller, module: string, op: Operation): void {
  if (!canUseAttachments(caller.scopes, module, op)) {
    throw new BiginFailure('OAUTH_SCOPE_MISMATCH');
  }
  const words = ATTACHMENT_WORDS[op];
  requireModulePrivilege(caller, module, words.what);
  if (!caller.user.canReadAttachments) {
    throw new BiginFailure('NO_PERMISSION', { permissions: [words.permission] }, words.message);
  }
}

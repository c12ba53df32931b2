import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BIGIN_MAX_PER_PAGE, type AttachmentList } from '../shared/bigin-attachment.ts';
import { BIGIN_ERRORS, biginError, type BiginErrorCode } from '../shared/bigin-error.ts';
import { findOrgModule } from './org-modules.ts';
import { DEMO_USERS, type DemoUser } from './seed.ts';
import type { SandboxStore } from './store.ts';
import type { TokenStore } from './tokens.ts';

export interface BiginRoutesOptions {
  store: SandboxStore;
  tokens: TokenStore;
}

/** Thrown inside a handler; answered in Bigin's error envelope with the documented status. */
export class BiginFailure extends Error {
  constructor(
    readonly code: BiginErrorCode,
    readonly details: Record<string, unknown> = {},
    readonly biginMessage: string = BIGIN_ERRORS[code].message,
  ) {
    super(biginMessage);
  }
}

export function sendBiginError(reply: FastifyReply, failure: BiginFailure): FastifyReply {
  return reply
    .code(BIGIN_ERRORS[failure.code].status)
    .send(biginError(failure.code, failure.details, failure.biginMessage));
}

const ATTACHMENT_READ_SCOPES = [
  'ZohoBigin.modules.ALL',
  'ZohoBigin.modules.attachments.ALL',
  'ZohoBigin.modules.attachments.READ',
];

export function registerBiginRoutes(app: FastifyInstance, options: BiginRoutesOptions): void {
  const { store, tokens } = options;

  /** Who is calling, from `Authorization: Zoho-oauthtoken <token>`. */
  function authenticate(request: FastifyRequest): { user: DemoUser; scopes: string[] } {
    const header = request.headers.authorization ?? '';
    const match = /^Zoho-oauthtoken (\S+)$/.exec(header);
    if (!match) throw new BiginFailure('AUTHENTICATION_FAILURE');
    const grant = tokens.findAccessToken(match[1]!);
    if (!grant) throw new BiginFailure('INVALID_TOKEN');
    const user = DEMO_USERS.find((u) => u.id === grant.userId);
    if (!user) throw new BiginFailure('INVALID_TOKEN');
    return { user, scopes: grant.scopes };
  }

  function requireModule(apiName: string): void {
    const module = findOrgModule(apiName);
    if (!module) throw new BiginFailure('INVALID_MODULE', { resource_path_index: 0 });
    if (!module.api_supported) {
      throw new BiginFailure(
        'INVALID_MODULE',
        { resource_path_index: 0 },
        'The given module is not supported in API',
      );
    }
  }

  app.get<{
    Params: { module: string; recordId: string };
    Querystring: { page?: string; per_page?: string };
  }>('/bigin/v1/:module/:recordId/Attachments', async (request, reply) => {
    const { scopes } = authenticate(request);
    const { module, recordId } = request.params;
    requireModule(module);
    if (!scopes.some((s) => ATTACHMENT_READ_SCOPES.includes(s))) {
      throw new BiginFailure('OAUTH_SCOPE_MISMATCH');
    }
    if (!store.findRecord(module, recordId)) {
      throw new BiginFailure('INVALID_DATA', { resource_path_index: 1 });
    }
    const page = positiveInt(request.query.page, 1, 'page');
    const perPage = positiveInt(request.query.per_page, BIGIN_MAX_PER_PAGE, 'per_page');
    if (perPage > BIGIN_MAX_PER_PAGE) {
      throw new BiginFailure('INVALID_DATA', { param_name: 'per_page', maximum_length: 200 });
    }
    const all = store.attachmentsOf(module, recordId);
    const slice = all.slice((page - 1) * perPage, page * perPage);
    // Bigin answers 204 with no body when there is nothing to list.
    if (slice.length === 0) return reply.code(204).send();
    const body: AttachmentList = {
      data: slice.map(({ contentType: _contentType, ...wire }) => wire),
      info: {
        per_page: perPage,
        count: slice.length,
        page,
        more_records: page * perPage < all.length,
      },
    };
    return body;
  });
}

function positiveInt(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) {
    throw new BiginFailure('INVALID_DATA', { param_name: name }, `invalid data for ${name}`);
  }
  return Number(raw);
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Session as SessionAnswer } from '../../shared/api-contract.ts';
import { ApiFailure } from '../api-failure.ts';
import type { SessionAccess } from '../session/session-access.ts';
import type { AccountsClient } from '../zoho/accounts-client.ts';
import type { TrustedOrigins } from '../zoho/data-centres.ts';
import { TokenManager, type TokenManagerOptions } from '../zoho/token-manager.ts';
import { safeReturnTo } from './return-to.ts';

/** What the app asks Zoho for: records, attachments, module labels, name fields and search. */
export const ZOHO_SCOPES = [
  'ZohoBigin.modules.ALL',
  'ZohoBigin.modules.attachments.ALL',
  'ZohoBigin.settings.modules.READ',
  'ZohoBigin.settings.fields.READ',
  'ZohoSearch.securesearch.READ',
];

export interface SignInOptions {
  mode: 'sandbox' | 'zoho';
  accounts: AccountsClient;
  clientId: string;
  /** Where the consent page is (ZOHO_ACCOUNTS_URL, or the sandbox). */
  accountsUrl: string;
  trusted: TrustedOrigins;
  tokenOptions?: Pick<TokenManagerOptions, 'now' | 'budget'>;
}

export interface AuthRoutesOptions {
  sessions: SessionAccess;
  publicUrl: () => string;
  /** Absent in service mode: nobody signs in. */
  signIn?: SignInOptions | undefined;
  /** The upload limit, told to the browser so that it checks files before sending them. */
  maxUploadBytes?: number | undefined;
}

const callbackQuerySchema = z.object({
  code: z.string().min(1).max(2000).optional(),
  state: z.string().min(1).max(200).optional(),
  error: z.string().max(200).optional(),
  location: z.string().max(20).optional(),
  'accounts-server': z.string().max(200).optional(),
});

export function registerAuthRoutes(app: FastifyInstance, options: AuthRoutesOptions): void {
  const { sessions, signIn } = options;
  const redirectUri = () => `${options.publicUrl()}/auth/callback`;
  const limits = options.maxUploadBytes ? { maxUploadBytes: options.maxUploadBytes } : {};

  app.get('/api/session', async (request, reply): Promise<SessionAnswer> => {
    if (!signIn) {
      // Service mode: always "signed in"; the session exists only to carry the CSRF token.
      const session = sessions.ensure(request, reply);
      return { signedIn: true, mode: 'service', csrfToken: session.csrfToken, ...limits };
    }
    const session = request.session;
    if (!session || !sessions.isSignedIn(request)) return { signedIn: false, mode: signIn.mode };
    return {
      signedIn: true,
      mode: signIn.mode,
      csrfToken: session.csrfToken,
      ...limits,
      ...(session.user ? { user: session.user } : {}),
    };
  });

  app.get('/auth/sign-in', async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const returnTo = safeReturnTo(query.returnTo);
    if (!signIn) return reply.redirect(returnTo, 302);
    // The cookie that binds `state` to this browser must be set on the origin Zoho returns to.
    const publicUrl = new URL(options.publicUrl());
    if (request.host !== publicUrl.host) {
      return reply.redirect(`${publicUrl.origin}${request.url}`, 302);
    }
    const session = sessions.ensure(request, reply);
    const state = sessions.store.addPending(session, returnTo);
    const consent = new URL('/oauth/v2/auth', signIn.accountsUrl);
    consent.search = new URLSearchParams({
      response_type: 'code',
      client_id: signIn.clientId,
      scope: ZOHO_SCOPES.join(','),
      redirect_uri: redirectUri(),
      state,
      access_type: 'offline',
      // Guarantees a refresh token even when the user consented before.
      prompt: 'consent',
    }).toString();
    return reply.header('Cache-Control', 'no-store').redirect(consent.toString(), 302);
  });

  app.get('/auth/callback', async (request, reply) => {
    if (!signIn) throw ApiFailure.proxy('PROXY_NOT_FOUND');
    const query = callbackQuerySchema.safeParse(request.query ?? {});
    if (!query.success) throw ApiFailure.proxy('PROXY_BAD_REQUEST', { reason: 'callback' });
    const { code, state, error } = query.data;

    // `state` must name a sign-in this very browser started: no forged or replayed callbacks.
    const session = request.session;
    const pending = session && state ? sessions.store.takePending(session, state) : undefined;
    if (!session || !pending) throw ApiFailure.proxy('PROXY_SIGN_IN_STATE');
    if (error || !code) {
      throw ApiFailure.proxy('PROXY_SIGN_IN_FAILED', { zoho_error: error ?? 'no_code' });
    }

    const announced = query.data['accounts-server'];
    const accountsServer = announced
      ? signIn.trusted.accountsServer(announced)
      : signIn.accountsUrl;
    if (!accountsServer) {
      throw ApiFailure.proxy('PROXY_UNTRUSTED_ORIGIN', {
        refused: 'accounts-server',
        value: announced?.slice(0, 200),
      });
    }

    const { refreshToken, access } = await signIn.accounts.exchangeCode(
      accountsServer,
      code,
      redirectUri(),
    );
    const signedIn = sessions.start(request, reply);
    signedIn.tokens = new TokenManager({
      accounts: signIn.accounts,
      accountsServer,
      refreshToken,
      initial: access,
      ...signIn.tokenOptions,
    });
    request.log.info({ accountsServer }, 'signed in');
    return reply.header('Cache-Control', 'no-store').redirect(pending.returnTo, 303);
  });

  app.post('/auth/sign-out', async (request, reply) => {
    // Ending the session revokes its refresh token at Zoho, in the background: the sign-out does
    // not wait for Zoho. Service mode has no tokens in the session: its token is never revoked.
    sessions.end(request, reply);
    return reply.code(204).send();
  });
}

/** Page navigations while signed out go to the sign-in, and come back to the same address. */
export function redirectToSignIn(request: FastifyRequest, reply: FastifyReply) {
  return reply.redirect(`/auth/sign-in?returnTo=${encodeURIComponent(request.url)}`, 302);
}

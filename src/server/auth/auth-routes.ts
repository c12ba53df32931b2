import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sessionSchema, type SessionUser } from '../../shared/api-contract.ts';
import { PROFILE_SCOPE } from '../../shared/zoho-accounts.ts';
import { ApiFailure, sendNotFound } from '../api-failure.ts';
import { stateUnavailable } from '../state/state-store.ts';
import type { AccountsClient } from '../zoho/accounts-client.ts';
import type { TrustedOrigins } from '../zoho/data-centres.ts';
import type { TokenManagerOptions } from '../zoho/token-manager.ts';
import { safeReturnTo } from './return-to.ts';

/**
 * What the app asks Zoho for: records, attachments, module labels, name fields, search, and who
 * signed in (`AaaServer.profile.READ`: the user's own name and email only; Bigin's
 * `ZohoBigin.users.READ` would open every user of the org to the app).
 */
export const ZOHO_SCOPES = [
  'ZohoBigin.modules.ALL',
  'ZohoBigin.modules.attachments.ALL',
  'ZohoBigin.settings.modules.READ',
  'ZohoBigin.settings.fields.READ',
  'ZohoSearch.securesearch.READ',
  PROFILE_SCOPE,
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
  publicUrl: () => string;
  /** Absent in service mode: nobody signs in. */
  signIn?: SignInOptions | undefined;
}

export interface SessionRouteOptions {
  /** Absent in service mode: nobody signs in. */
  signIn?: Pick<SignInOptions, 'mode'> | undefined;
  /** The upload limit, told to the browser so that it checks files before sending them. */
  maxUploadBytes?: number | undefined;
  /** Service mode: who the one user is, when Zoho says (service-user.ts). */
  serviceUser?: (() => Promise<SessionUser | undefined>) | undefined;
}

/** Where the sign-in starts: `returnTo`, read by safeReturnTo (anything odd is the home page). */
const signInQuerySchema = z.object({ returnTo: z.unknown() });

const callbackQuerySchema = z.object({
  code: z.string().min(1).max(2000).optional(),
  state: z.string().min(1).max(200).optional(),
  error: z.string().max(200).optional(),
  location: z.string().max(20).optional(),
  'accounts-server': z.string().max(200).optional(),
});

/** `GET /api/session`: who is signed in, and the CSRF token writes carry. */
export const sessionRoute: FastifyPluginAsyncZod<SessionRouteOptions> = async (
  app,
  { signIn, maxUploadBytes, serviceUser },
) => {
  const { sessions } = app;
  const limits = maxUploadBytes ? { maxUploadBytes } : {};
  app.get(
    '/session',
    { schema: { response: { 200: sessionSchema } }, config: { embedAction: 'any' } },
    async (request, reply) => {
      if (!signIn) {
        // Service mode: always "signed in"; the session exists only to carry the CSRF token.
        const session = sessions.ensure(request, reply);
        const user = await serviceUser?.();
        return {
          signedIn: true,
          mode: 'service' as const,
          csrfToken: session.csrfToken,
          ...limits,
          ...(user ? { user } : {}),
        };
      }
      if (request.sessionUnavailable) throw stateUnavailable();
      const session = request.session;
      if (!session || !sessions.isSignedIn(request)) return { signedIn: false, mode: signIn.mode };
      return {
        signedIn: true,
        mode: signIn.mode,
        csrfToken: session.csrfToken,
        ...limits,
        ...(session.user ? { user: session.user } : {}),
      };
    },
  );
};

/**
 * `/auth`: the sign-in, Zoho's callback and the sign-out. About a user, so never cached and
 * rate limited; a failure a browser navigated to is a page that offers to start again.
 */
export const authRoutes = fp<AuthRoutesOptions>(
  async (auth, options) => {
    auth.addHook('onRoute', (route) => {
      route.config = { noStore: true, rateLimited: true, failurePage: 'sign-in', ...route.config };
    });
    const app = auth.withTypeProvider<ZodTypeProvider>();
    const { sessions } = app;
    const { signIn } = options;
    const redirectUri = () => `${options.publicUrl()}/auth/callback`;

    app.get('/sign-in', { schema: { querystring: signInQuerySchema } }, async (request, reply) => {
      const returnTo = safeReturnTo(request.query.returnTo);
      if (!signIn) return reply.redirect(returnTo, 302);
      // The cookie that binds `state` to this browser must be set on the origin Zoho returns to.
      const publicUrl = new URL(options.publicUrl());
      if (request.host !== publicUrl.host) {
        return reply.redirect(`${publicUrl.origin}${request.url}`, 302);
      }
      // Kept in the browser's own signed cookie: no session until the sign-in is done.
      const state = sessions.startSignIn(request, reply, returnTo);
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

    app.get(
      '/callback',
      { schema: { querystring: callbackQuerySchema } },
      async (request, reply) => {
        if (!signIn) throw ApiFailure.proxy('PROXY_NOT_FOUND');
        const { code, state, error } = request.query;

        // `state` must name a sign-in this very browser started: no forged or replayed callbacks.
        // Its cookie is checked on whichever instance the callback lands.
        const pending = state ? sessions.takeSignIn(request, reply, state) : undefined;
        if (!pending) throw ApiFailure.proxy('PROXY_SIGN_IN_STATE');
        if (error || !code) {
          throw ApiFailure.proxy('PROXY_SIGN_IN_FAILED', { zoho_error: error ?? 'no_code' });
        }

        const announced = request.query['accounts-server'];
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
        // Who signed in, asked once and kept with the session: the app bar names them.
        const user = await signIn.accounts.userInfo(accountsServer, access.token);
        await sessions.start(request, reply, { accountsServer, refreshToken }, user, access);
        request.log.info({ accountsServer, named: user !== undefined }, 'signed in');
        return reply.header('Cache-Control', 'no-store').redirect(pending.returnTo, 303);
      },
    );

    app.post('/sign-out', async (request, reply) => {
      // Ending the session revokes its refresh token at Zoho, in the background: the sign-out
      // does not wait for Zoho. Service mode has no tokens in the session: its token is never
      // revoked.
      await sessions.end(request, reply);
      return reply.code(204).send();
    });

    // Where the app goes after a sign-out: a page of its own, since every page of the app would
    // send a signed-out browser straight back to Zoho's consent page.
    app.get('/signed-out', async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(signedOutPage(Boolean(signIn))),
    );

    auth.setNotFoundHandler(sendNotFound);
  },
  {
    name: 'auth-routes',
    fastify: '5.x',
    encapsulate: true,
    dependencies: ['sessions', 'write-guard', 'error-handler'],
  },
);

/** Page navigations while signed out go to the sign-in, and come back to the same address. */
export function redirectToSignIn(request: FastifyRequest, reply: FastifyReply) {
  return reply.redirect(`/auth/sign-in?returnTo=${encodeURIComponent(request.url)}`, 302);
}

/** The page a sign-out lands on: plain HTML, no script (the CSP allows none inline anyway). */
function signedOutPage(canSignIn: boolean): string {
  const again = canSignIn
    ? '<p><a href="/auth/sign-in?returnTo=%2F">Sign in again</a></p>'
    : '<p><a href="/">Back to the app</a></p>';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Signed out: Bigin Attachments</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem">
<main>
<h1>You are signed out</h1>
<p>Bigin Attachments no longer holds your Zoho sign-in in this browser, and has asked Zoho to revoke it.</p>
${again}
</main>
</body>
</html>
`;
}

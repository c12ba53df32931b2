import { PROFILE_SCOPE } from '../shared/zoho-accounts.ts';

/**
 * The sandbox's registered OAuth client and its self-client refresh tokens. They are published in
 * the README: the sandbox holds nothing secret, and any Zoho client can be pointed at it.
 */
export const SANDBOX_CLIENT = {
  id: '1000.SANDBOX0BIGIN0ATTACHMENTS0DEMO',
  secret: 'sandbox-client-secret-not-for-production',
};

/**
 * The redirect URIs registered for the sandbox client: `/auth/callback` on 127.0.0.1 or
 * localhost, over http, on any port (tests start the app on random ports). Zoho compares
 * redirect URIs exactly, so no query string or fragment is accepted.
 */
export function isRegisteredRedirectUri(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return (
    url.protocol === 'http:' &&
    (url.hostname === '127.0.0.1' || url.hostname === 'localhost') &&
    url.pathname === '/auth/callback' &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** Every scope the app asks for; a self-client token is granted these (narrowed per user). */
export const SELF_CLIENT_SCOPES = [
  'ZohoBigin.modules.ALL',
  'ZohoBigin.modules.attachments.ALL',
  'ZohoBigin.settings.modules.READ',
  'ZohoBigin.settings.fields.READ',
  'ZohoSearch.securesearch.READ',
  PROFILE_SCOPE,
];

/** One self-client refresh token per demo user, keyed by the user's name. */
export const SELF_CLIENT_REFRESH_TOKENS: Record<string, string> = {
  'Patricia Boyle': '1000.selfclient.patricia-boyle',
  'Sam Rivera': '1000.selfclient.sam-rivera',
  'Jordan Lee': '1000.selfclient.jordan-lee',
  'Alex Chen': '1000.selfclient.alex-chen',
};

/** `POST /oauth/v2/token` with the refresh-token grant, as a form. */
export function requestToken(base: string, refreshToken: string): Promise<Response> {
  return fetch(new URL('/oauth/v2/token', base), {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: SANDBOX_CLIENT.id,
      client_secret: SANDBOX_CLIENT.secret,
      refresh_token: refreshToken,
    }),
  });
}

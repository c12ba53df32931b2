/**
 * The sandbox's registered OAuth client and its self-client refresh tokens. They are published in
 * the README: the sandbox holds nothing secret, and any Zoho client can be pointed at it.
 */
export const SANDBOX_CLIENT = {
  id: '1000.SANDBOX0BIGIN0ATTACHMENTS0DEMO',
  secret: 'sandbox-client-secret-not-for-production',
};

/** One self-client refresh token per demo user, granted every scope the app asks for. */
export const SELF_CLIENT_REFRESH_TOKENS: Record<string, string> = {
  'Patricia Boyle': '1000.selfclient.patricia-boyle',
};

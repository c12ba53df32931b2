import { z } from 'zod';

/**
 * Zoho Accounts' token endpoint (`POST /oauth/v2/token`). A refresh token comes only with the
 * authorization-code grant (and only for `access_type=offline`); `scope` is echoed back.
 */
export const tokenAnswerSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
  api_domain: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().nonnegative(),
});
export type TokenAnswer = z.infer<typeof tokenAnswerSchema>;

/** Zoho reports token errors in the body, usually with HTTP 200: `{"error":"invalid_code"}`. */
export const tokenErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});
export type TokenError = z.infer<typeof tokenErrorSchema>;

/** Zoho's answer once a refresh token has asked for too many access tokens (10 in 10 minutes). */
export const TOKEN_THROTTLED: TokenError = {
  error: 'Access Denied',
  error_description:
    'You have made too many requests continuously. Please try again after some time.',
};

/** The query string Zoho Accounts appends to `redirect_uri` after consent. */
export const authRedirectSchema = z.object({
  code: z.string(),
  state: z.string().optional(),
  location: z.string(),
  'accounts-server': z.string(),
});

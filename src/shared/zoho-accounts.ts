import { z } from 'zod/mini';

/**
 * Zoho Accounts' token endpoint (`POST /oauth/v2/token`). A refresh token comes only with the
 * authorization-code grant (and only for `access_type=offline`); `scope` is echoed back.
 */
export const tokenAnswerSchema = z.object({
  access_token: z.string(),
  refresh_token: z.optional(z.string()),
  scope: z.optional(z.string()),
  api_domain: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.int().check(z.nonnegative()),
});
export type TokenAnswer = z.infer<typeof tokenAnswerSchema>;

/** Zoho reports token errors in the body, usually with HTTP 200: `{"error":"invalid_code"}`. */
export const tokenErrorSchema = z.object({
  error: z.string(),
  error_description: z.optional(z.string()),
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
  state: z.optional(z.string()),
  location: z.string(),
  'accounts-server': z.string(),
});

/**
 * The scope that lets an app read who signed in: the user's own Zoho profile (name, email, ZUID)
 * and nothing of Bigin's data. Zoho's pages write it `AaaServer.profile.Read` (or `.READ`);
 * scope names are compared without regard to case.
 */
export const PROFILE_SCOPE = 'AaaServer.profile.READ';

/** Zoho Accounts' `GET {accounts-server}/oauth/user/info`, with `Zoho-oauthtoken <access token>`. */
export const USER_INFO_PATH = '/oauth/user/info';

/**
 * Its answer, as Zoho's pages show it: `{"First_Name","Last_Name","Display_Name","Email",
 * "ZUID"}`. Read generously: every field may be missing or of another type (ZUID comes as a
 * number in Zoho's sample), and unknown ones are kept.
 */
export const userInfoAnswerSchema = z.looseObject({
  First_Name: z.catch(z.optional(z.string()), undefined),
  Last_Name: z.catch(z.optional(z.string()), undefined),
  Display_Name: z.catch(z.optional(z.string()), undefined),
  Email: z.catch(z.optional(z.string()), undefined),
  ZUID: z.catch(z.optional(z.union([z.number(), z.string()])), undefined),
});
export type UserInfoAnswer = z.infer<typeof userInfoAnswerSchema>;

/**
 * The name and email to show for a user-info answer: the display name, else first and last
 * names, else the email; undefined when it names nobody.
 */
export function userOfInfo(info: UserInfoAnswer): { name: string; email?: string } | undefined {
  const email = info.Email?.trim() || undefined;
  const name =
    info.Display_Name?.trim() ||
    [info.First_Name, info.Last_Name]
      .map((part) => part?.trim())
      .filter(Boolean)
      .join(' ') ||
    email;
  if (!name) return undefined;
  return email ? { name, email } : { name };
}

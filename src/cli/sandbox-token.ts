/**
 * `npm run sandbox:token -- "Patricia Boyle"`: asks the running sandbox (SANDBOX_URL, default
 * http://127.0.0.1:8090) for an access token with the user's self-client refresh token, and
 * prints it as the last line, ready for `curl -H "Authorization: Zoho-oauthtoken <token>"`.
 */
import { pathToFileURL } from 'node:url';
import { tokenAnswerSchema, tokenErrorSchema } from '../shared/zoho-accounts.ts';
import { requestToken, SELF_CLIENT_REFRESH_TOKENS } from '../sandbox/sandbox-client.ts';

export const DEFAULT_SANDBOX_URL = 'http://127.0.0.1:8090';

export async function mintSandboxToken(sandboxUrl: string, userName: string): Promise<string> {
  const refreshToken = SELF_CLIENT_REFRESH_TOKENS[userName];
  if (!refreshToken) {
    const names = Object.keys(SELF_CLIENT_REFRESH_TOKENS).map((n) => `"${n}"`);
    throw new Error(`No demo user named "${userName}". Try one of: ${names.join(', ')}.`);
  }
  let response: Response;
  try {
    response = await requestToken(sandboxUrl, refreshToken);
  } catch {
    throw new Error(`No sandbox answers at ${sandboxUrl}: start one with \`npm run sandbox\`.`);
  }
  const body: unknown = await response.json();
  const refused = tokenErrorSchema.safeParse(body);
  if (refused.success) {
    const { error, error_description } = refused.data;
    throw new Error(
      `The sandbox refused: ${error}${error_description ? ` (${error_description})` : ''}`,
    );
  }
  return tokenAnswerSchema.parse(body).access_token;
}

async function main(): Promise<void> {
  const userName = process.argv[2] ?? 'Patricia Boyle';
  const sandboxUrl = process.env.SANDBOX_URL ?? DEFAULT_SANDBOX_URL;
  try {
    const token = await mintSandboxToken(sandboxUrl, userName);
    console.log(`Access token for ${userName} from ${sandboxUrl} (valid for one hour):`);
    console.log(token);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

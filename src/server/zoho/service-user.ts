import type { SessionUser } from '../../shared/api-contract.ts';
import type { AccountsClient } from './accounts-client.ts';
import type { TokenSource } from './bigin-client.ts';

/** How long an answer that named nobody stands before Zoho Accounts is asked again. */
const RETRY_MS = 10 * 60_000;

export interface ServiceUserOptions {
  accounts: Pick<AccountsClient, 'userInfo'>;
  /** The accounts server that issued the service user's refresh token. */
  accountsServer: string;
  tokens: TokenSource;
  now?: () => number;
}

/**
 * Who service mode acts as, for the app bar: asked of Zoho Accounts once (user info, with the
 * profile scope the self-client's token must carry) and kept. An answer that named nobody (a
 * token made without the scope, Zoho unreachable) is asked again after ten minutes, not on
 * every page.
 */
export function serviceUser(options: ServiceUserOptions): () => Promise<SessionUser | undefined> {
  const now = options.now ?? Date.now;
  let asked: { answer: Promise<SessionUser | undefined>; until: number } | undefined;
  return () => {
    if (!asked || asked.until <= now()) {
      const next = { answer: Promise.resolve<SessionUser | undefined>(undefined), until: Infinity };
      next.answer = options.tokens
        .get()
        .then((access) => options.accounts.userInfo(options.accountsServer, access.token))
        .catch(() => undefined)
        .then((user) => {
          if (!user) next.until = now() + RETRY_MS;
          return user;
        });
      asked = next;
    }
    return asked.answer;
  };
}

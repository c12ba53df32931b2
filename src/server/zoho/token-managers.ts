import { keyOf } from '../state/sealed.ts';
import type { AccessToken } from './accounts-client.ts';
import { TokenManager, type TokenManagerOptions } from './token-manager.ts';

/** How many refresh tokens' managers a process keeps at hand (the rest are made again). */
const KEPT = 10_000;

/**
 * One TokenManager per refresh token in this process, whichever session or request asks for it,
 * so that concurrent callers share one refresh here; the state store shares it with the other
 * instances. The least recently used are let go beyond KEPT: their state is in the store.
 */
export class TokenManagers {
  private readonly managers = new Map<string, TokenManager>();

  constructor(
    private readonly base: Omit<TokenManagerOptions, 'accountsServer' | 'refreshToken' | 'initial'>,
  ) {}

  of(grant: { accountsServer: string; refreshToken: string }, initial?: AccessToken) {
    const id = keyOf(grant.accountsServer, grant.refreshToken);
    let manager = this.managers.get(id);
    this.managers.delete(id);
    if (!manager) {
      manager = new TokenManager({ ...this.base, ...grant, initial });
    }
    this.managers.set(id, manager);
    for (const oldest of this.managers.keys()) {
      if (this.managers.size <= KEPT) break;
      this.managers.delete(oldest);
    }
    return manager;
  }
}

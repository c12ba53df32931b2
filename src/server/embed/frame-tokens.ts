import { createHash, randomBytes } from 'node:crypto';
import { keyOf, type Sealer } from '../state/sealed.ts';
import type { StateStore } from '../state/state-store.ts';
import { embedFailure } from './embed-token.ts';

/**
 * A frame token's prefix: beside a signed link's `be1.`, it tells the proxy which of the two a
 * bearer is before anything is looked up.
 */
export const FRAME_TOKEN_PREFIX = 'bf1.';

export const isFrameToken = (bearer: string) => bearer.startsWith(FRAME_TOKEN_PREFIX);

/** A sign-in code is taken within this time of its making, or never. */
export const CODE_LIFETIME_MS = 60_000;
/** A frame token unused this long ends; each use renews it. */
export const FRAME_TOKEN_IDLE_MS = 3600_000;
/** A token is renewed in the store at most this often: not every request writes. */
const RENEW_AFTER_MS = 60_000;

/** The hash the frame sends of its nonce: SHA-256, base64url. */
export const nonceHashOf = (nonce: string) =>
  createHash('sha256').update(nonce, 'utf8').digest('base64url');

/** What the store keeps of a code, sealed, under a hash of the code. */
interface CodeRecord {
  sessionId: string;
  origin: string;
  nonceHash: string;
  createdAt: number;
}

/** What the store keeps of a frame token, sealed, under a hash of the token. */
interface TokenRecord {
  sessionId: string;
  origin: string;
  createdAt: number;
  renewedAt: number;
}

export interface FrameTokenHolder {
  sessionId: string;
  origin: string;
}

/** Why a code was refused, for the log and the answer's details. */
export type CodeRefusal = 'unknown-or-used' | 'expired' | 'wrong-origin' | 'wrong-nonce';

export interface FrameTokensOptions {
  store: StateStore;
  sealer: Sealer;
  now?: (() => number) | undefined;
}

/**
 * The frame sign-in's codes and tokens, in the state store so that any instance takes a code
 * another made and reads a token another issued. Neither is kept as itself: the store's keys are
 * hashes of them, and the values (the session they stand for) are sealed.
 *
 * - A code: made by the sign-in window for the session that window has, bound to the origin it
 *   is posted to and to the hash of the frame's nonce; taken once, within a minute.
 * - A frame token: the session's stand-in in a frame that gets no cookie; an hour unused ends it,
 *   and so does the end of its session.
 */
export class FrameTokens {
  private readonly now: () => number;

  constructor(private readonly options: FrameTokensOptions) {
    this.now = options.now ?? Date.now;
  }

  async mintCode(holder: FrameTokenHolder, nonceHash: string): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    const record: CodeRecord = { ...holder, nonceHash, createdAt: this.now() };
    await this.options.store.set(
      codeKey(code),
      this.options.sealer.sealJson(record),
      CODE_LIFETIME_MS,
    );
    return code;
  }

  /**
   * Takes a code, whatever comes of it: the first attempt uses it up, so that a code seen by
   * someone else (or guessed at with nonces) is worth one try at most. The holder when the code
   * was made for this origin and nonce within its minute; a PROXY_EMBED_CODE_REFUSED otherwise.
   */
  async takeCode(
    code: string,
    given: { origin: string; nonce: string },
  ): Promise<FrameTokenHolder> {
    const key = codeKey(code);
    const sealed = await this.options.store.get(key);
    // Deleted only while it still holds what was read: of two instances, one takes it.
    const taken = sealed !== undefined && (await this.options.store.delete(key, sealed));
    const record = taken ? this.options.sealer.openJson<CodeRecord>(sealed) : undefined;
    if (!record) throw refused('unknown-or-used');
    if (this.now() - record.createdAt > CODE_LIFETIME_MS) throw refused('expired');
    if (given.origin !== record.origin) throw refused('wrong-origin');
    if (nonceHashOf(given.nonce) !== record.nonceHash) throw refused('wrong-nonce');
    return { sessionId: record.sessionId, origin: record.origin };
  }

  async mintToken(holder: FrameTokenHolder): Promise<string> {
    const token = `${FRAME_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const now = this.now();
    await this.write(token, { ...holder, createdAt: now, renewedAt: now });
    return token;
  }

  /** The session a live frame token stands for, renewed for another hour; undefined when over. */
  async holderOf(token: string): Promise<FrameTokenHolder | undefined> {
    const record = this.options.sealer.openJson<TokenRecord>(
      await this.options.store.get(tokenKey(token)),
    );
    if (!record) return undefined;
    const now = this.now();
    if (now - record.renewedAt >= FRAME_TOKEN_IDLE_MS) return undefined;
    if (now - record.renewedAt >= RENEW_AFTER_MS) {
      await this.write(token, { ...record, renewedAt: now });
    }
    return { sessionId: record.sessionId, origin: record.origin };
  }

  async revoke(token: string): Promise<void> {
    await this.options.store.delete(tokenKey(token));
  }

  private async write(token: string, record: TokenRecord): Promise<void> {
    await this.options.store.set(
      tokenKey(token),
      this.options.sealer.sealJson(record),
      FRAME_TOKEN_IDLE_MS,
    );
  }
}

const refused = (reason: CodeRefusal) => embedFailure('PROXY_EMBED_CODE_REFUSED', { reason });

const codeKey = (code: string) => `frame-code:${keyOf('frame-code', code)}`;
const tokenKey = (token: string) => `frame-token:${keyOf('frame-token', token)}`;

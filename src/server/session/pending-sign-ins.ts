import type { FastifyReply, FastifyRequest } from 'fastify';
import { newSecret } from './session-store.ts';

/** A sign-in the browser has started and not finished: the `state` sent to Zoho names it. */
export interface PendingSignIn {
  returnTo: string;
  createdAt: number;
}

/** A started sign-in must come back from Zoho within this time (grant codes live 3 minutes). */
export const PENDING_SIGN_IN_MS = 10 * 60_000;
/** Sign-ins started in several tabs at once, each can finish. */
const MAX_PENDING = 5;
/** Browsers keep cookies of 4 kB; the signature and attributes need some of it. */
const MAX_COOKIE_VALUE = 3000;

type Entry = [state: string, returnTo: string, createdAt: number];

export interface PendingSignInsOptions {
  cookieName: () => string;
  scope: (request: FastifyRequest) => Record<string, unknown>;
  now?: (() => number) | undefined;
}

/**
 * Started sign-ins, in a short-lived signed cookie of their own rather than on the server: the
 * callback checks `state` on whichever instance it lands (no sticky sessions), and a visit that
 * never signs in leaves nothing behind on the server.
 */
export class PendingSignIns {
  private readonly now: () => number;

  constructor(private readonly options: PendingSignInsOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Remembers a started sign-in; returns its `state`. */
  add(request: FastifyRequest, reply: FastifyReply, returnTo: string): string {
    const state = newSecret();
    const entries = [...this.read(request), [state, returnTo, this.now()] as Entry];
    while (entries.length > MAX_PENDING) entries.shift();
    while (entries.length > 1 && encode(entries).length > MAX_COOKIE_VALUE) entries.shift();
    this.write(request, reply, entries);
    return state;
  }

  /** Takes (and forgets) the sign-in `state` names, if this browser started it recently. */
  take(request: FastifyRequest, reply: FastifyReply, state: string): PendingSignIn | undefined {
    const entries = this.read(request);
    const found = entries.find(([s]) => s === state);
    if (!found) return undefined;
    this.write(
      request,
      reply,
      entries.filter((entry) => entry !== found),
    );
    return { returnTo: found[1], createdAt: found[2] };
  }

  /** The cookie's live entries; a cookie not signed by this app counts as none. */
  private read(request: FastifyRequest): Entry[] {
    const raw = request.cookies[this.options.cookieName()];
    if (!raw) return [];
    const { valid, value } = request.unsignCookie(raw);
    if (!valid || !value) return [];
    try {
      const entries = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
      if (!Array.isArray(entries)) return [];
      const oldest = this.now() - PENDING_SIGN_IN_MS;
      return entries.filter(
        (e): e is Entry =>
          Array.isArray(e) &&
          typeof e[0] === 'string' &&
          typeof e[1] === 'string' &&
          typeof e[2] === 'number' &&
          e[2] > oldest,
      );
    } catch {
      return [];
    }
  }

  private write(request: FastifyRequest, reply: FastifyReply, entries: Entry[]): void {
    const name = this.options.cookieName();
    const scope = this.options.scope(request);
    if (!entries.length) {
      reply.clearCookie(name, scope);
      return;
    }
    reply.setCookie(name, encode(entries), {
      ...scope,
      signed: true,
      maxAge: PENDING_SIGN_IN_MS / 1000,
    });
  }
}

const encode = (entries: Entry[]) => Buffer.from(JSON.stringify(entries)).toString('base64url');

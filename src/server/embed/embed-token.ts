import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  EMBED_ERRORS,
  embedClaimsSchema,
  type EmbedClaims,
  type EmbedErrorCode,
} from '../../shared/embed-contract.ts';
import { ApiFailure } from '../api-failure.ts';

/**
 * A signed embed link's token: `be1.<claims>.<signature>`, where `<claims>` is the JSON claims
 * in base64url and `<signature>` is HMAC-SHA256 over `be1.<claims>` with EMBED_SECRET, in
 * base64url. Like a JWT with one fixed algorithm: nothing in the token chooses how it is checked.
 */
export const EMBED_TOKEN_PREFIX = 'be1';

/** Tokens longer than this are refused before any work: a link names one record, no more. */
const MAX_TOKEN_LENGTH = 2000;

const mac = (secret: string, signed: string) =>
  createHmac('sha256', secret).update(signed).digest('base64url');

export function signEmbedToken(claims: EmbedClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(embedClaimsSchema.parse(claims))).toString(
    'base64url',
  );
  const signed = `${EMBED_TOKEN_PREFIX}.${payload}`;
  return `${signed}.${mac(secret, signed)}`;
}

export const embedFailure = (code: EmbedErrorCode, details: Record<string, unknown> = {}) =>
  new ApiFailure(EMBED_ERRORS[code].status, code, EMBED_ERRORS[code].message, details);

/**
 * The claims of a token this server signed and that has not expired; an ApiFailure with
 * PROXY_EMBED_TOKEN_INVALID or PROXY_EMBED_TOKEN_EXPIRED otherwise. The signature is checked
 * before the claims are read.
 */
export function verifyEmbedToken(
  token: string,
  secret: string,
  nowMs: number = Date.now(),
): EmbedClaims {
  const parts = token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
  const [prefix, payload, signature] = parts;
  if (parts.length !== 3 || prefix !== EMBED_TOKEN_PREFIX || !payload || !signature) {
    throw embedFailure('PROXY_EMBED_TOKEN_INVALID');
  }
  const expected = Buffer.from(mac(secret, `${prefix}.${payload}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw embedFailure('PROXY_EMBED_TOKEN_INVALID');
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw embedFailure('PROXY_EMBED_TOKEN_INVALID');
  }
  const claims = embedClaimsSchema.safeParse(json);
  if (!claims.success) throw embedFailure('PROXY_EMBED_TOKEN_INVALID');
  if (claims.data.exp * 1000 <= nowMs) {
    throw embedFailure('PROXY_EMBED_TOKEN_EXPIRED', { expired_at: claims.data.exp });
  }
  return claims.data;
}

import { describe, expect, it } from 'vitest';
import type { EmbedClaims } from '../../shared/embed-contract.ts';
import { ApiFailure } from '../api-failure.ts';
import { signEmbedToken, verifyEmbedToken } from './embed-token.ts';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const NOW = 1_800_000_000_000;
const claims: EmbedClaims = {
  module: 'Contacts',
  recordId: '4150868000002728001',
  actions: ['view', 'download'],
  exp: NOW / 1000 + 600,
};

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiFailure) return `${error.httpStatus} ${error.code}`;
    throw error;
  }
  return 'accepted';
};

describe('signed embed links', () => {
  it('give back their claims while they are valid', () => {
    const token = signEmbedToken(claims, SECRET);
    expect(token).toMatch(/^be1\.[\w-]+\.[\w-]{43}$/);
    expect(verifyEmbedToken(token, SECRET, NOW)).toEqual(claims);
  });

  it('are refused once expired, to the second', () => {
    const token = signEmbedToken(claims, SECRET);
    expect(codeOf(() => verifyEmbedToken(token, SECRET, claims.exp * 1000 - 1))).toBe('accepted');
    expect(codeOf(() => verifyEmbedToken(token, SECRET, claims.exp * 1000))).toBe(
      '401 PROXY_EMBED_TOKEN_EXPIRED',
    );
  });

  it('are refused when signed with another secret', () => {
    const token = signEmbedToken(claims, 'another-secret-of-at-least-32-characters');
    expect(codeOf(() => verifyEmbedToken(token, SECRET, NOW))).toBe(
      '401 PROXY_EMBED_TOKEN_INVALID',
    );
  });

  it('are refused when their claims are changed (another record, more actions, later expiry)', () => {
    const [prefix, , signature] = signEmbedToken(claims, SECRET).split('.');
    for (const forged of [
      { ...claims, recordId: '1000000231009' },
      { ...claims, actions: ['view', 'download', 'delete'] },
      { ...claims, exp: claims.exp + 86_400 },
    ]) {
      const payload = Buffer.from(JSON.stringify(forged)).toString('base64url');
      expect(codeOf(() => verifyEmbedToken(`${prefix}.${payload}.${signature}`, SECRET, NOW))).toBe(
        '401 PROXY_EMBED_TOKEN_INVALID',
      );
    }
  });

  it.each([
    ['empty', ''],
    ['not three parts', 'be1.abc'],
    ['another format', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.'],
    ['a signature flipped by one character', signEmbedToken(claims, SECRET).replace(/.$/, 'A')],
    ['very long', `be1.${'a'.repeat(5000)}.sig`],
  ])('refuses a token that is %s', (_label, token) => {
    expect(codeOf(() => verifyEmbedToken(token, SECRET, NOW))).toBe(
      '401 PROXY_EMBED_TOKEN_INVALID',
    );
  });

  it('will not sign claims that name no action or a record id that is not Bigin’s', () => {
    expect(() => signEmbedToken({ ...claims, actions: [] }, SECRET)).toThrow();
    expect(() => signEmbedToken({ ...claims, recordId: '../1' }, SECRET)).toThrow();
  });
});

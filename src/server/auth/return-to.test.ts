import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to.ts';

describe('safeReturnTo', () => {
  it('keeps a path of the app, with its query', () => {
    expect(safeReturnTo('/Contacts/4150868000002728001')).toBe('/Contacts/4150868000002728001');
    expect(safeReturnTo('/Contacts/1?page=2')).toBe('/Contacts/1?page=2');
  });

  it('lets the frame sign-in’s window come back to hand its code over, with its query only', () => {
    expect(safeReturnTo('/auth/frame-sign-in?nonce_sha256=abc&back=1#x')).toBe(
      '/auth/frame-sign-in?nonce_sha256=abc&back=1',
    );
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/x'],
    ['a backslash that browsers read as a slash', '/\\evil.example'],
    ['a scheme without slashes', 'javascript:alert(1)'],
    ['a tab inside the slashes', '/\t/evil.example'],
    ['a line break', '/x\r\nSet-Cookie: a=b'],
    ['the sign-in routes', '/auth/sign-in?returnTo=/'],
    ['the callback', '/auth/callback?code=x'],
    ['a path beside the frame sign-in', '/auth/frame-sign-in/../sign-in'],
    ['a dot segment before two slashes', '/.//evil.example'],
    ['a climb back to two slashes', '/a/..//evil.example'],
    ['encoded dots before two slashes', '/%2e%2e//evil.example'],
    ['an encoded dot and slash', '/%2e/%2fevil.example'],
    ['encoded slashes', '/%2F%2Fevil.example'],
    ['an encoded backslash', '/%5Cevil.example'],
    ['doubly encoded slashes', '/%252F%252Fevil.example'],
    ['the sign-in routes spelled with an encoded letter', '/%61uth/sign-in'],
    ['the API spelled with an encoded letter', '/%61pi/session'],
    ['nothing', undefined],
    ['an array', ['/a', '/b']],
  ])('sends %s home instead', (_label, value) => {
    expect(safeReturnTo(value)).toBe('/');
  });

  it('never yields anything a browser would resolve to another origin', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (tail) => {
        for (const candidate of [
          tail,
          `/${tail}`,
          `//${tail}`,
          `/\\${tail}`,
          `/.//${tail}`,
          `/%2e%2e/%2F${tail}`,
          `/%5C${tail}`,
        ]) {
          const result = safeReturnTo(candidate);
          expect(new URL(result, 'https://app.example').origin).toBe('https://app.example');
          expect(result.startsWith('/')).toBe(true);
          expect(result.startsWith('//')).toBe(false);
          expect(decodeURIComponent(result).startsWith('//')).toBe(false);
          expect(decodeURIComponent(result)).not.toContain('\\');
        }
      }),
      { numRuns: 3000 },
    );
  });
});

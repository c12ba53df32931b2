import type { FastifyRequest } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { UnsignedCookies } from './unsigned-cookies.ts';

/** A request whose unsignCookie takes `good.<sig>` as signed, and counts its calls. */
const requestThat = () => {
  const unsignCookie = vi.fn((raw: string) =>
    raw.startsWith('good.')
      ? { valid: true as const, renew: false, value: raw.split('.')[1]! }
      : { valid: false as const, renew: false, value: null },
  );
  return { request: { unsignCookie } as unknown as FastifyRequest, unsignCookie };
};

describe("a cookie's unsigned value, kept", () => {
  it('unsigns a value once, and the same value on later requests from what it gave', () => {
    const cookies = new UnsignedCookies();
    const { request, unsignCookie } = requestThat();
    for (let i = 0; i < 3; i += 1) {
      expect(cookies.unsign(request, 'good.s1')).toEqual({
        valid: true,
        renew: false,
        value: 's1',
      });
    }
    expect(unsignCookie).toHaveBeenCalledTimes(1);
  });

  it('keeps nothing of a value that does not unsign, and at most its bound', () => {
    const cookies = new UnsignedCookies(2);
    const { request, unsignCookie } = requestThat();
    cookies.unsign(request, 'forged.x');
    expect(cookies.unsign(request, 'forged.x').valid).toBe(false);
    expect(unsignCookie).toHaveBeenCalledTimes(2);
    for (const raw of ['good.a', 'good.b', 'good.c', 'good.a']) cookies.unsign(request, raw);
    // a and b kept; c came past the bound, so all were forgotten and a unsigned again.
    expect(unsignCookie).toHaveBeenCalledTimes(6);
  });
});

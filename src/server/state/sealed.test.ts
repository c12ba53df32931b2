import { describe, expect, it } from 'vitest';
import { Sealer } from './sealed.ts';

const NEW = 'n'.repeat(40);
const OLD = 'o'.repeat(40);

describe('sealed values', () => {
  it('open with the key they were sealed with, and show nothing of what they hold', () => {
    const sealer = new Sealer([NEW]);
    const sealed = sealer.sealJson({ refreshToken: '1000.secret-refresh-token' });
    expect(sealed).not.toContain('secret');
    expect(sealer.openJson(sealed)).toEqual({ refreshToken: '1000.secret-refresh-token' });
    // The same value sealed twice looks different (a fresh IV each time).
    expect(sealer.seal('x')).not.toBe(sealer.seal('x'));
  });

  it('still open after a rotation (the old secret as SESSION_SECRET_PREVIOUS); new ones use the new key', () => {
    const before = new Sealer([OLD]).seal('kept across the rotation');
    const rotated = new Sealer([NEW, OLD]);
    expect(rotated.open(before)).toBe('kept across the rotation');
    const after = rotated.seal('new');
    expect(new Sealer([NEW]).open(after)).toBe('new');
    expect(new Sealer([OLD]).open(after)).toBeUndefined();
    // Once the old secret is no longer given, what it sealed does not open.
    expect(new Sealer([NEW]).open(before)).toBeUndefined();
  });

  it('do not open once altered', () => {
    const sealer = new Sealer([NEW]);
    const sealed = sealer.seal('value');
    const last = sealed.at(-1) === 'A' ? 'B' : 'A';
    expect(sealer.open(sealed.slice(0, -1) + last)).toBeUndefined();
    expect(sealer.open('v1.nonsense')).toBeUndefined();
    expect(sealer.openJson('garbage')).toBeUndefined();
  });
});

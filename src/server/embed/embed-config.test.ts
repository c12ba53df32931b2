import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { SANDBOX_EMBED_SECRET } from './embed-config.ts';

describe('the embedding settings', () => {
  it('reads EMBED_ALLOWED_ORIGINS as a list of exact origins', () => {
    const config = loadConfig({
      EMBED_ALLOWED_ORIGINS: ' https://intranet.example.com, http://localhost:3000 ,',
    });
    expect(config.EMBED_ALLOWED_ORIGINS).toEqual([
      'https://intranet.example.com',
      'http://localhost:3000',
    ]);
  });

  it.each([
    ['a path', 'https://intranet.example.com/portal'],
    ['a wildcard', 'https://*.example.com'],
    ['no scheme', 'intranet.example.com'],
    ['another scheme', 'ftp://intranet.example.com'],
  ])('refuses an origin with %s, naming the variable', (_label, value) => {
    expect(() => loadConfig({ EMBED_ALLOWED_ORIGINS: value })).toThrow(/EMBED_ALLOWED_ORIGINS/);
  });

  it('uses the public development secret only in sandbox mode outside production', () => {
    expect(loadConfig({}).embedSecret).toBe(SANDBOX_EMBED_SECRET);
    expect(loadConfig({ NODE_ENV: 'production' }).embedSecret).toBeUndefined();
    const zoho = {
      ZOHO_CLIENT_ID: 'id',
      ZOHO_CLIENT_SECRET: 'secret',
      SESSION_SECRET: 's'.repeat(40),
      PUBLIC_URL: 'https://attachments.example.com',
    };
    expect(loadConfig(zoho).embedSecret).toBeUndefined();
    const secret = 'e'.repeat(40);
    expect(
      loadConfig({ ...zoho, ZOHO_REFRESH_TOKEN: 'rt', EMBED_SECRET: secret }).embedSecret,
    ).toBe(secret);
  });

  it('refuses a short secret, and a secret with nobody for the links to act as', () => {
    expect(() => loadConfig({ EMBED_SECRET: 'short' })).toThrow(
      /EMBED_SECRET: must be at least 32/,
    );
    expect(() =>
      loadConfig({
        ZOHO_CLIENT_ID: 'id',
        ZOHO_CLIENT_SECRET: 'secret',
        SESSION_SECRET: 's'.repeat(40),
        PUBLIC_URL: 'https://attachments.example.com',
        EMBED_SECRET: 'e'.repeat(40),
      }),
    ).toThrow(/EMBED_SECRET: signed embed links act as the user of ZOHO_REFRESH_TOKEN/);
  });
});

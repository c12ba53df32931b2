import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses the sandbox on the documented ports when no Zoho client is configured', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      sandbox: true,
      PORT: 8080,
      SANDBOX_PORT: 8090,
      HOST: '127.0.0.1',
    });
  });

  it('uses Zoho once a client id and secret are set', () => {
    expect(loadConfig({ ZOHO_CLIENT_ID: 'id', ZOHO_CLIENT_SECRET: 's' }).sandbox).toBe(false);
  });

  it('says which variable to set when a value is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ ZOHO_CLIENT_ID: 'id' })).toThrow(/ZOHO_CLIENT_SECRET/);
    expect(() => loadConfig({ ZOHO_ACCOUNTS_URL: 'accounts.zoho.com' })).toThrow(
      /ZOHO_ACCOUNTS_URL/,
    );
  });
});

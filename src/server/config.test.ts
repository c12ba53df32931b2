import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const zoho = {
  ZOHO_CLIENT_ID: 'id',
  ZOHO_CLIENT_SECRET: 's',
  SESSION_SECRET: 'a'.repeat(32),
  PUBLIC_URL: 'https://attachments.example.com',
};

describe('loadConfig', () => {
  it('uses the sandbox on the documented ports when no Zoho client is configured', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      sandbox: true,
      mode: 'sandbox',
      PORT: 8080,
      SANDBOX_PORT: 8090,
      HOST: '127.0.0.1',
      MAX_UPLOAD_MB: 20,
      BIGIN_MAX_IN_FLIGHT: 5,
      SANDBOX_CONTROL_ROUTES: false,
      sessionSecretGenerated: true,
    });
  });

  it('keeps state in Redis when REDIS_URL is set, and takes a previous secret for a rotation', () => {
    const config = loadConfig({
      ...zoho,
      REDIS_URL: 'redis://:pw@redis.internal:6379/2',
      SESSION_SECRET_PREVIOUS: 'p'.repeat(40),
    });
    expect(config).toMatchObject({
      REDIS_URL: 'redis://:pw@redis.internal:6379/2',
      SESSION_SECRET_PREVIOUS: 'p'.repeat(40),
    });
    expect(loadConfig({}).REDIS_URL).toBeUndefined();
  });

  it('uses Zoho, with users signing in, once a client id and secret are set', () => {
    expect(loadConfig(zoho)).toMatchObject({ sandbox: false, mode: 'zoho' });
  });

  it('acts as one user, with no sign-in, when ZOHO_REFRESH_TOKEN is set', () => {
    const service = { ...zoho, PUBLIC_URL: undefined, ZOHO_REFRESH_TOKEN: 'rt' };
    expect(loadConfig(service).mode).toBe('service');
  });

  it('says which variable to set when a value is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ ZOHO_CLIENT_ID: 'id' })).toThrow(/ZOHO_CLIENT_SECRET/);
    expect(() => loadConfig({ ZOHO_ACCOUNTS_URL: 'accounts.zoho.com' })).toThrow(
      /ZOHO_ACCOUNTS_URL/,
    );
    expect(() => loadConfig({ ...zoho, SESSION_SECRET: undefined })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ ...zoho, SESSION_SECRET: 'short' })).toThrow(/at least 32/);
    expect(() => loadConfig({ ...zoho, PUBLIC_URL: undefined })).toThrow(/PUBLIC_URL.*callback/);
    expect(() => loadConfig({ PUBLIC_URL: 'https://example.com/app' })).toThrow(/origin only/);
    expect(() => loadConfig({ MAX_UPLOAD_MB: '5000' })).toThrow(/MAX_UPLOAD_MB/);
    expect(() => loadConfig({ SANDBOX_CONTROL_ROUTES: 'yes' })).toThrow(/true or false/);
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL: .*redis:\/\//);
    expect(() => loadConfig({ SESSION_SECRET_PREVIOUS: 'p'.repeat(40) })).toThrow(
      /SESSION_SECRET_PREVIOUS: only with SESSION_SECRET/,
    );
  });

  it('logs from LOG_LEVEL up, info by default, and names the levels it takes', () => {
    expect(loadConfig({}).LOG_LEVEL).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'silent' }).LOG_LEVEL).toBe('silent');
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(
      /LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/,
    );
  });

  it('bounds a request in time, generously, and a body by a minimum rate, each configurable', () => {
    expect(loadConfig({})).toMatchObject({
      REQUEST_TIMEOUT_SECONDS: 3600,
      CONNECTION_TIMEOUT_SECONDS: 300,
      BODY_MIN_BYTES_PER_WINDOW: 8192,
      BODY_RATE_WINDOW_SECONDS: 20,
    });
    expect(
      loadConfig({ REQUEST_TIMEOUT_SECONDS: '0', BODY_MIN_BYTES_PER_WINDOW: '0' }),
    ).toMatchObject({ REQUEST_TIMEOUT_SECONDS: 0, BODY_MIN_BYTES_PER_WINDOW: 0 });
    expect(() => loadConfig({ REQUEST_TIMEOUT_SECONDS: '-1' })).toThrow(
      /REQUEST_TIMEOUT_SECONDS: must be 0 to 86400 seconds/,
    );
    expect(() => loadConfig({ BODY_RATE_WINDOW_SECONDS: '0' })).toThrow(
      /BODY_RATE_WINDOW_SECONDS: must be 1 to 600 seconds/,
    );
  });

  it.each(['4190', '6000', '6667'])('refuses port %s, which fetch will not connect to', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(/PORT: .*bad port/);
    expect(() => loadConfig({ SANDBOX_PORT: port })).toThrow(/SANDBOX_PORT: .*bad port/);
  });

  it('refuses the sandbox control routes in production, and allows them otherwise', () => {
    expect(loadConfig({ SANDBOX_CONTROL_ROUTES: 'true' }).SANDBOX_CONTROL_ROUTES).toBe(true);
    expect(() => loadConfig({ SANDBOX_CONTROL_ROUTES: 'true', NODE_ENV: 'production' })).toThrow(
      /SANDBOX_CONTROL_ROUTES: must not be true when NODE_ENV=production/,
    );
  });
});

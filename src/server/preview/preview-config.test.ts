import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';

const zoho = {
  ZOHO_CLIENT_ID: '1000.CLIENT',
  ZOHO_CLIENT_SECRET: 'secret',
  SESSION_SECRET: 's'.repeat(32),
  PUBLIC_URL: 'https://attachments.example.com',
};

describe('where previews are served from', () => {
  it('in sandbox mode, on a port of their own: a free one unless PREVIEW_PORT names it', () => {
    expect(loadConfig({}).previewPort).toBe(0);
    expect(loadConfig({ PREVIEW_PORT: '8081' }).previewPort).toBe(8081);
  });

  it('with a Zoho client, only where PREVIEW_ORIGIN says, listening at PREVIEW_PORT', () => {
    expect(loadConfig(zoho).previewPort).toBeUndefined();
    const config = loadConfig({
      ...zoho,
      PREVIEW_ORIGIN: 'https://previews.attachments.example.com',
      PREVIEW_PORT: '8081',
    });
    expect(config.previewPort).toBe(8081);
    expect(config.PREVIEW_ORIGIN).toBe('https://previews.attachments.example.com');
  });

  it('says what to set when the preview origin could not work', () => {
    expect(() =>
      loadConfig({ ...zoho, PREVIEW_ORIGIN: 'https://previews.attachments.example.com' }),
    ).toThrow(/PREVIEW_PORT: required with PREVIEW_ORIGIN/);
    expect(() =>
      loadConfig({ ...zoho, PREVIEW_ORIGIN: zoho.PUBLIC_URL, PREVIEW_PORT: '8081' }),
    ).toThrow(/PREVIEW_ORIGIN: must be another origin than PUBLIC_URL's/);
    expect(() => loadConfig({ ...zoho, PREVIEW_PORT: '8081' })).toThrow(
      /PREVIEW_PORT: only with PREVIEW_ORIGIN/,
    );
    expect(() => loadConfig({ PREVIEW_ORIGIN: 'https://previews.example.com/path' })).toThrow(
      /PREVIEW_ORIGIN: must be an origin only/,
    );
  });
});

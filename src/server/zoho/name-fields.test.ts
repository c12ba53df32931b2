import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScriptedZoho } from '../test-support/scripted-zoho.ts';
import { BiginClient, forCaller, type TokenSource } from './bigin-client.ts';
import { NameFields } from './name-fields.ts';
import { Upstream } from './upstream.ts';

let zoho: ScriptedZoho;
beforeEach(async () => {
  zoho = await new ScriptedZoho().start();
});
afterEach(() => zoho.close());

const tokens: TokenSource = {
  get: async () => ({
    token: 'at-1',
    apiDomain: zoho.url,
    expiresAt: Date.now() + 3_600_000,
    lifetimeMs: 3_600_000,
  }),
  refreshAfterRejection: async () => tokens.get(),
};

describe('NameFields, over a real socket', () => {
  it('reads the field metadata once for every asker: the first one leaving ends it for nobody', async () => {
    zoho.bigin = () => ({
      status: 200,
      delayMs: 200,
      body: { fields: [{ api_name: 'Nickname', display_field: true }] },
    });
    const names = new NameFields(new BiginClient({ upstream: new Upstream(), apiBase: zoho.url }));
    const leaving = new AbortController();
    const first = names.of(forCaller(tokens, { caller: 'a', signal: leaving.signal }), 'Contacts');
    const second = names.of(forCaller(tokens, { caller: 'b' }), 'Contacts');
    setTimeout(() => leaving.abort(new DOMException('gone', 'AbortError')), 50);
    expect(await second).toBe('Nickname');
    expect(await first).toBe('Nickname');
    expect(zoho.biginCallList).toHaveLength(1);
  });
});

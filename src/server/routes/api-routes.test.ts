import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGuard } from '../auth/write-guard.ts';
import { proxyOver, type ProxyOver } from '../test-support/proxy-over.ts';
import { ScriptedZoho } from '../test-support/scripted-zoho.ts';

const RECORD = '/api/records/Contacts/4150868000002728001';

let zoho: ScriptedZoho;
let proxy: ProxyOver;

beforeAll(async () => {
  zoho = await new ScriptedZoho().start();
  zoho.bigin = () => ({ status: 204 });
  const dist = mkdtempSync(path.join(tmpdir(), 'dist-'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(path.join(dist, 'app.js'), 'console.log(1)');
  // Service mode: signed in, so unknown page addresses are the app's.
  proxy = await proxyOver(zoho, { app: { staticDir: dist, rateLimitPerMinute: 4 } });
});
afterAll(async () => {
  await proxy.close();
  await zoho.close();
});

/** Each test asks from an address of its own: the rate limit counts per address. */
const from = (remoteAddress: string) => (url: string) =>
  proxy.app.inject({ method: 'GET', url, remoteAddress });

describe('what the matched route decides', () => {
  it('never lets an answer about a user be cached, nor an address no route has', async () => {
    const get = from('10.0.0.1');
    for (const url of [`${RECORD}/attachments`, '/api/session', '/auth/sign-in']) {
      expect((await get(url)).headers['cache-control'], url).toBe('no-store');
    }
    for (const url of ['/api/whatever', '/api', '/auth/whatever']) {
      const answer = await get(url);
      expect([answer.statusCode, answer.json().code], url).toEqual([404, 'PROXY_NOT_FOUND']);
      expect(answer.headers['cache-control'], url).toBe('no-store');
      expect(answer.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(answer.headers['x-frame-options'], url).toBe('DENY');
    }
    // The app's own files and pages keep theirs.
    expect((await get('/app.js')).headers['cache-control']).not.toBe('no-store');
    const page = await get('/Contacts/4150868000002728001');
    expect([page.statusCode, page.headers['cache-control']]).not.toContain('no-store');
  });

  it('counts the API and the sign-in against the rate limit, not the app’s files', async () => {
    const get = from('10.0.0.2');
    for (let i = 0; i < 5; i++) expect((await get('/app.js')).statusCode).toBe(200);
    const counted = [];
    for (const url of ['/auth/sign-in', `${RECORD}/attachments`, '/auth/sign-in', RECORD]) {
      counted.push((await get(url)).statusCode);
    }
    expect(counted).not.toContain(429);
    const limited = await get(`${RECORD}/attachments`);
    expect([limited.statusCode, limited.json().code]).toEqual([429, 'PROXY_RATE_LIMITED']);
    expect((await get('/Contacts/1')).statusCode).toBe(200);
  });

  it("answers a schema's refusal as PROXY_BAD_REQUEST, naming each problem", async () => {
    const cases: [string, unknown][] = [
      [`/api/records/Con.tacts/1/attachments`, [{ param: 'module', problem: expect.any(String) }]],
      [`${RECORD}/attachments?per_page=201`, [{ param: 'per_page', problem: expect.any(String) }]],
    ];
    for (const [url, issues] of cases) {
      const answer = await from('10.0.0.3')(url);
      expect([answer.statusCode, answer.json()], url).toMatchObject([
        400,
        { code: 'PROXY_BAD_REQUEST', details: { issues } },
      ]);
    }
    const session = await from('10.0.0.4')('/api/session');
    const zip = await proxy.app.inject({
      method: 'POST',
      url: `${RECORD}/attachments/zip`,
      remoteAddress: '10.0.0.4',
      headers: {
        origin: proxy.url,
        cookie: String(session.headers['set-cookie']).split(';')[0]!,
        'x-csrf-token': session.json().csrfToken,
      },
      payload: { ids: ['1', 'x'] },
    });
    expect([zip.statusCode, zip.json().details]).toEqual([
      400,
      { issues: [{ param: 'ids.1', problem: 'a Bigin id is 1 to 19 digits' }] },
    ]);
  });
});

describe('the plugins', () => {
  it('refuse to be registered before what they need', async () => {
    const app = Fastify();
    await expect(
      app.register(writeGuard, { publicUrl: () => 'http://localhost' }).ready(),
    ).rejects.toThrow(/sessions/);
    await app.close();
  });
});

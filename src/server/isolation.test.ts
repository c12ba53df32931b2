import { request, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signEmbedToken } from './embed/embed-token.ts';
import { proxyOver, type ProxyOver } from './test-support/proxy-over.ts';
import { ScriptedZoho } from './test-support/scripted-zoho.ts';
import type { TokenSource } from './zoho/bigin-client.ts';

const EMBED_SECRET = 'an-embed-secret-of-at-least-32-chars';
const RECORD = '4150868000002728001';
const ATTACHMENTS = `/api/records/Contacts/${RECORD}/attachments`;
const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

const serviceTokens: TokenSource = {
  get: async () => ({ token: 'at-service', apiDomain: zoho.url, expiresAt: 0, lifetimeMs: 0 }),
  refreshAfterRejection: async () => serviceTokens.get(),
};
const link = () =>
  signEmbedToken(
    {
      module: 'Contacts',
      recordId: RECORD,
      actions: ['view'],
      exp: Math.floor(Date.now() / 1000) + 600,
    },
    EMBED_SECRET,
  );

let zoho: ScriptedZoho;
let proxy: ProxyOver;
/** Behind a balancer the proxy believes (TRUST_PROXY=true). */
let behindBalancer: ProxyOver;

beforeAll(async () => {
  zoho = await new ScriptedZoho().start();
  const embed = { allowedOrigins: () => [], secret: EMBED_SECRET, tokens: serviceTokens };
  proxy = await proxyOver(zoho, { app: { embed } });
  behindBalancer = await proxyOver(zoho, { app: { embed, trustProxy: true } });
});
afterAll(async () => {
  await proxy.close();
  await behindBalancer.close();
  await zoho.close();
});
beforeEach(() => {
  zoho.calls.length = 0;
  zoho.bigin = () => ({ status: 204 });
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request with the headers a browser sends, as they are: fetch() writes its own Sec-Fetch-*. */
function send(base: string, path: string, headers: Record<string, string>, method = 'GET') {
  return new Promise<Answer>((resolve, reject) => {
    request(`${base}${path}`, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  send(proxy.url, path, headers, method);

describe('the API keeps its answers to the app’s own pages', () => {
  it('marks every API answer Cross-Origin-Resource-Policy: same-origin', async () => {
    for (const path of ['/api/session', ATTACHMENTS, '/api/no-such-route']) {
      const answer = await get(path);
      expect(answer.headers['cross-origin-resource-policy'], path).toBe('same-origin');
    }
    expect((await get('/healthz')).headers['cross-origin-resource-policy']).toBeUndefined();
  });

  it('refuses a GET another site started without an embed link, before Bigin is called', async () => {
    for (const method of ['GET', 'HEAD']) {
      const answer = await get(ATTACHMENTS, { 'Sec-Fetch-Site': 'cross-site' }, method);
      expect(answer.status, method).toBe(403);
    }
    const refused = await get(ATTACHMENTS, {
      'Sec-Fetch-Site': 'cross-site',
      'Sec-Fetch-Mode': 'no-cors',
      'Sec-Fetch-Dest': 'image',
    });
    expect(refused.status).toBe(403);
    expect(refused.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(JSON.parse(refused.body)).toMatchObject({
      code: 'PROXY_CROSS_SITE',
      message: expect.stringContaining('open the file from the app'),
    });
    expect(zoho.biginCallList).toHaveLength(0);

    // And only that: the app itself, a typed address, another site with an embed link.
    for (const site of ['same-origin', 'same-site', 'none']) {
      expect((await get(ATTACHMENTS, { 'Sec-Fetch-Site': site })).status, site).toBe(200);
    }
    // A browser too old to send Fetch Metadata, or a script.
    expect((await get(ATTACHMENTS)).status).toBe(200);
    const crossSite = { 'Sec-Fetch-Site': 'cross-site' };
    expect((await get(`${ATTACHMENTS}?embed_token=${link()}`, crossSite)).status).toBe(200);
    const bearer = { ...crossSite, Authorization: `Bearer ${link()}` };
    expect((await get(ATTACHMENTS, bearer)).status).toBe(200);
  });

  it('shows a link followed from another site a page that leads into the app', async () => {
    const page = await get(`${ATTACHMENTS}/42`, {
      'Sec-Fetch-Site': 'cross-site',
      'Sec-Fetch-Mode': 'navigate',
      'Sec-Fetch-Dest': 'document',
      Accept: 'text/html',
    });
    expect(page.status).toBe(403);
    expect(page.headers['content-type']).toContain('text/html');
    const html = page.body;
    expect(html).toContain('<a href="/">Open the app</a>');
    expect(html).toContain('PROXY_CROSS_SITE');
    expect(zoho.biginCallList).toHaveLength(0);
  });
});

describe('Strict-Transport-Security', () => {
  it('is sent when the request came over https through a proxy TRUST_PROXY believes', async () => {
    const https = { 'X-Forwarded-Proto': 'https' };
    const overHttps = await send(behindBalancer.url, '/api/session', https);
    expect(overHttps.headers['strict-transport-security']).toBe(STRICT_TRANSPORT_SECURITY);
    const page = await send(behindBalancer.url, '/auth/signed-out', https);
    expect(page.headers['strict-transport-security']).toBe(STRICT_TRANSPORT_SECURITY);

    // Never over plain http (localhost stays reachable), nor on a claim nobody vouches for.
    const plain = await send(behindBalancer.url, '/api/session', {});
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const claimed = await get('/api/session', { 'X-Forwarded-Proto': 'https' });
    expect(claimed.headers['strict-transport-security']).toBeUndefined();
  });

  it('is sent on every answer when PUBLIC_URL is https, whoever ends TLS in front', async () => {
    const behindTls = await proxyOver(zoho, {
      app: { publicUrl: () => 'https://attachments.example.com' },
    });
    try {
      for (const path of ['/api/session', '/auth/signed-out', '/healthz']) {
        const answer = await send(behindTls.url, path, {});
        expect(answer.headers['strict-transport-security'], path).toBe(STRICT_TRANSPORT_SECURITY);
      }
    } finally {
      await behindTls.close();
    }
  });
});

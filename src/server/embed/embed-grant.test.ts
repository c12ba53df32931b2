import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmbedAction, EmbedClaims } from '../../shared/embed-contract.ts';
import { sendApiFailure, ApiFailure } from '../api-failure.ts';
import { proxyOver, type ProxyOver } from '../test-support/proxy-over.ts';
import { ScriptedZoho } from '../test-support/scripted-zoho.ts';
import type { TokenSource } from '../zoho/bigin-client.ts';
import { embedGrant } from './embed-grant.ts';
import { signEmbedToken } from './embed-token.ts';

const SECRET = 'an-embed-secret-of-at-least-32-chars';
const RECORD = '4150868000002728001';
const OTHER = '1000000231009';
const HOST = 'https://intranet.example.com';

const link = (over: Partial<EmbedClaims> = {}, secret = SECRET) =>
  signEmbedToken(
    {
      module: 'Contacts',
      recordId: RECORD,
      actions: ['view'],
      exp: Math.floor(Date.now() / 1000) + 600,
      ...over,
    },
    secret,
  );

/** The service user's tokens, as the proxy holds them in service (or sandbox) mode. */
const serviceTokens: TokenSource = {
  get: async () => ({ token: 'at-service', apiDomain: zoho.url, expiresAt: 0, lifetimeMs: 0 }),
  refreshAfterRejection: async () => serviceTokens.get(),
};

let zoho: ScriptedZoho;
let proxy: ProxyOver;
let logLines: string[];

beforeAll(async () => {
  zoho = await new ScriptedZoho().start();
  logLines = [];
  const dist = mkdtempSync(path.join(tmpdir(), 'dist-'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(
    path.join(dist, 'bigin-widget.html'),
    '<!doctype html><title>widget</title><script src="/bigin-widget/zoho-sdk.js"></script>',
  );
  // Users sign in here: nobody in these tests is, so only a signed link reaches Bigin.
  proxy = await proxyOver(zoho, {
    signIn: true,
    app: {
      staticDir: dist,
      logger: { stream: { write: (line: string) => void logLines.push(line) }, level: 'info' },
      embed: {
        allowedOrigins: () => [HOST, 'http://localhost:4580'],
        secret: SECRET,
        tokens: serviceTokens,
        sdkUrl: 'https://sdk.example.net/js-sdk/1.2/ZohoEmbededAppSDK.min.js',
      },
    },
  });
});
afterAll(async () => {
  await proxy.close();
  await zoho.close();
});
beforeEach(() => {
  zoho.calls.length = 0;
  zoho.bigin = () => ({ status: 204 });
});

const withLink = (url: string, token: string, init: RequestInit = {}) =>
  fetch(`${proxy.url}${url}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...init.headers },
  });
const refusal = async (response: Response) =>
  `${response.status} ${((await response.json()) as { code: string }).code}`;

describe('the proxy with a signed embed link, over real sockets', () => {
  it('lists the one record’s attachments as the service user, with no sign-in', async () => {
    expect((await fetch(`${proxy.url}/api/records/Contacts/${RECORD}/attachments`)).status).toBe(
      401,
    );
    const response = await withLink(`/api/records/Contacts/${RECORD}/attachments`, link());
    expect(response.status).toBe(200);
    expect(zoho.biginCallList.map((c) => [c.url.split('?')[0], c.headers.authorization])).toEqual([
      [`/bigin/v2/Contacts/${RECORD}/Attachments`, 'Zoho-oauthtoken at-service'],
    ]);
  });

  it('says what the link grants and who may frame the widget', async () => {
    const response = await withLink('/api/embed/context', link({ origin: HOST }));
    expect(await response.json()).toEqual({
      allowedOrigins: [HOST, 'http://localhost:4580'],
      grant: expect.objectContaining({ module: 'Contacts', recordId: RECORD, origin: HOST }),
    });
    const anonymous = await fetch(`${proxy.url}/api/embed/context`);
    expect((await anonymous.json()).grant).toBeNull();
  });

  it.each([
    [
      'another record',
      `/api/records/Contacts/${OTHER}/attachments`,
      '403 PROXY_EMBED_WRONG_RECORD',
    ],
    [
      'another module',
      `/api/records/Accounts/${RECORD}/attachments`,
      '403 PROXY_EMBED_WRONG_RECORD',
    ],
    ['the module list', '/api/modules', '403 PROXY_EMBED_OUT_OF_SCOPE'],
    ['a search', '/api/records/Contacts/search?word=Boyle', '403 PROXY_EMBED_OUT_OF_SCOPE'],
    ['recent records', '/api/records/Contacts', '403 PROXY_EMBED_OUT_OF_SCOPE'],
  ])('refuses %s before calling Bigin', async (_label, url, expected) => {
    expect(await refusal(await withLink(url, link()))).toBe(expected);
    expect(zoho.biginCallList).toHaveLength(0);
  });

  it.each([
    ['expired', link({ exp: Math.floor(Date.now() / 1000) - 1 }), '401 PROXY_EMBED_TOKEN_EXPIRED'],
    ['signed with another secret', link({}, 'x'.repeat(40)), '401 PROXY_EMBED_TOKEN_INVALID'],
    ['tampered with', link().replace(/\.(\w)/, '.X$1'), '401 PROXY_EMBED_TOKEN_INVALID'],
  ])('refuses a link that is %s', async (_label, token, expected) => {
    const url = `/api/records/Contacts/${RECORD}/attachments`;
    expect(await refusal(await withLink(url, token))).toBe(expected);
    expect(await refusal(await withLink('/api/embed/context', token))).toBe(expected);
    expect(zoho.biginCallList).toHaveLength(0);
  });

  it('lets the widget’s host frame a preview opened with the link', async () => {
    zoho.bigin = () => ({
      status: 200,
      headers: {
        'Content-Type': 'image/png',
        'Content-Disposition': 'attachment; filename="Quote.png"',
      },
      body: 'png',
    });
    const preview = `/api/records/Contacts/${RECORD}/attachments/42/preview`;
    const granted = ['view', 'download'] as EmbedClaims['actions'];
    const open = await withLink(preview, link({ actions: granted }));
    expect(open.status).toBe(200);
    // Browsers check every ancestor: the host around the widget must be named, and no
    // X-Frame-Options may refuse it.
    expect(open.headers.get('content-security-policy')).toBe(
      `sandbox; frame-ancestors 'self' ${HOST} http://localhost:4580`,
    );
    expect(open.headers.get('x-frame-options')).toBeNull();
    const narrowed = await withLink(preview, link({ actions: granted, origin: HOST }));
    expect(narrowed.headers.get('content-security-policy')).toBe(
      `sandbox; frame-ancestors 'self' ${HOST}`,
    );
  });

  it('never writes a link’s token to the log', async () => {
    const token = link();
    await withLink(`/api/records/Contacts/${RECORD}/attachments`, token);
    await fetch(`${proxy.url}/embed/Contacts/${RECORD}?token=${token}`);
    await fetch(`${proxy.url}/api/records/Contacts/${RECORD}/attachments?embed_token=${token}`);
    const signature = token.split('.')[2]!;
    await vi.waitFor(() => expect(logLines.join('\n')).toContain('"route":"/embed/*"'));
    expect(logLines.join('\n')).not.toContain(signature);
  });
});

describe('framing', () => {
  const headersOf = async (url: string) =>
    (await fetch(`${proxy.url}${url}`, { redirect: 'manual' })).headers;

  it('lets the allowed origins frame the embed pages, and nobody else any other page', async () => {
    const embed = await headersOf(`/embed/Contacts/${RECORD}`);
    expect(embed.get('content-security-policy')).toContain(
      `frame-ancestors ${HOST} http://localhost:4580`,
    );
    expect(embed.get('x-frame-options')).toBeNull();
    for (const url of [`/Contacts/${RECORD}`, '/', '/api/embed/context', '/auth/sign-in']) {
      const other = await headersOf(url);
      expect(other.get('content-security-policy'), url).toContain("frame-ancestors 'none'");
      expect(other.get('x-frame-options'), url).toBe('DENY');
    }
  });

  it('narrows framing to the origin a signed link names', async () => {
    const page = await headersOf(`/embed/Contacts/${RECORD}?token=${link({ origin: HOST })}`);
    expect(page.get('content-security-policy')).toMatch(new RegExp(`frame-ancestors ${HOST}(;|$)`));
  });

  it('serves the Bigin widget page with the SDK’s origin allowed to run', async () => {
    const response = await fetch(`${proxy.url}/bigin-widget`);
    expect(await response.text()).toContain(
      '<script src="https://sdk.example.net/js-sdk/1.2/ZohoEmbededAppSDK.min.js"></script>',
    );
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self' https://sdk.example.net;");
    expect(csp).toContain(`frame-ancestors ${HOST} http://localhost:4580`);
    expect(response.headers.get('x-frame-options')).toBeNull();
  });

  it('serves the embed page to a signed-out visitor instead of sending it to sign in', async () => {
    const response = await fetch(`${proxy.url}/embed/Contacts/${RECORD}`, { redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>app</title>');
  });
});

describe('each action of a grant', () => {
  let app: FastifyInstance;
  let url: string;
  const ATTACHMENT = `/api/records/Contacts/${RECORD}/attachments`;

  beforeAll(async () => {
    // Routes shaped as the file actions are, each naming its action and answering "done": only
    // the grant decides.
    app = Fastify();
    app.setErrorHandler((error, request, reply) =>
      sendApiFailure(
        request,
        reply,
        error instanceof ApiFailure ? error : ApiFailure.proxy('PROXY_BAD_REQUEST'),
      ),
    );
    await app.register(embedGrant, { secret: SECRET, canServe: true });
    const done = async () => ({ done: true });
    const needs = (embedAction: EmbedAction) => ({ config: { embedAction } });
    app.get('/api/records/:module/:recordId/attachments', needs('view'), done);
    app.get('/api/records/:module/:recordId/attachments/:attachmentId', needs('download'), done);
    app.get(
      '/api/records/:module/:recordId/attachments/:attachmentId/preview',
      needs('download'),
      done,
    );
    app.post('/api/records/:module/:recordId/attachments/zip', needs('download'), done);
    app.post('/api/records/:module/:recordId/attachments', needs('upload'), done);
    app.delete('/api/records/:module/:recordId/attachments/:attachmentId', needs('delete'), done);
    app.get('/api/records/:module/:recordId/attachments/:attachmentId/history', done);
    app.post(
      '/api/records/:module/:recordId/closed',
      { config: { embedAction: 'none' } },
      async () => ({ done: true }),
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  afterAll(() => app.close());

  const CALLS: [string, string, EmbedAction][] = [
    ['GET', ATTACHMENT, 'view'],
    ['GET', `${ATTACHMENT}/42`, 'download'],
    ['GET', `${ATTACHMENT}/42/preview`, 'download'],
    ['POST', `${ATTACHMENT}/zip`, 'download'],
    ['POST', ATTACHMENT, 'upload'],
    ['DELETE', `${ATTACHMENT}/42`, 'delete'],
  ];

  it.each(CALLS)('%s %s needs "%s"', async (method, path, action) => {
    const call = (actions: EmbedAction[]) =>
      fetch(`${url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${link({ actions })}` },
      });
    expect((await call([action])).status).toBe(200);
    const others = (['view', 'download', 'upload', 'delete'] as const).filter((a) => a !== action);
    expect(await refusal(await call(others))).toBe('403 PROXY_EMBED_ACTION_DENIED');
  });

  it('takes the link from ?embed_token= on a download, which is a navigation', async () => {
    const token = link({ actions: ['download'] });
    expect((await fetch(`${url}${ATTACHMENT}/42?embed_token=${token}`)).status).toBe(200);
    const refused = await fetch(
      `${url}${ATTACHMENT}/42?embed_token=${link({ actions: ['view'] })}`,
    );
    expect(await refusal(refused)).toBe('403 PROXY_EMBED_ACTION_DENIED');
  });

  it('closes routes it does not know to links, and leaves requests without a link alone', async () => {
    const all = link({ actions: ['view', 'download', 'upload', 'delete'] });
    const history = `${url}${ATTACHMENT}/42/history`;
    expect(
      await refusal(await fetch(history, { headers: { Authorization: `Bearer ${all}` } })),
    ).toBe('403 PROXY_EMBED_OUT_OF_SCOPE');
    expect((await fetch(history)).status).toBe(200);
  });

  it('keeps links out of a route that says none may use it', async () => {
    const closed = `${url}/api/records/Contacts/${RECORD}/closed`;
    const post = (token?: string) =>
      fetch(closed, {
        method: 'POST',
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
    expect((await post()).status).toBe(200);
    const all = link({ actions: ['view', 'download', 'upload', 'delete'] });
    expect(await refusal(await post(all))).toBe('403 PROXY_EMBED_OUT_OF_SCOPE');
  });
});

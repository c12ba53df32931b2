import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signEmbedToken } from './embed/embed-token.ts';
import { TestBrowser } from './test-support/browser.ts';
import { spawnTs } from './test-support/child-process-stack.ts';
import { proxyOver, type ProxyOver } from './test-support/proxy-over.ts';
import { ScriptedZoho } from './test-support/scripted-zoho.ts';
import { tempDataDir } from './test-support/temp-data-dir.ts';
import type { TokenSource } from './zoho/bigin-client.ts';

const GRANT_CODE = 'grant-code-5e1b7d';
const REFRESH_TOKEN = 'rt-user-c04a19';
const EMBED_SECRET = 'an-embed-secret-of-at-least-32-chars';
const RECORD = '4150868000002728001';
const ATTACHMENTS = `/api/records/Contacts/${RECORD}/attachments`;

interface Line {
  level: number;
  msg: string;
  reqId: string;
  method: string;
  route: string;
  status: number;
  ms: number;
  code?: string;
}

let zoho: ScriptedZoho;
let proxy: ProxyOver;
let browser: TestBrowser;
const written: string[] = [];
const lines = () => written.map((line) => JSON.parse(line) as Line);
const requestLines = () => lines().filter((line) => line.msg === 'request');

const serviceTokens: TokenSource = {
  get: async () => ({ token: 'at-service', apiDomain: zoho.url, expiresAt: 0, lifetimeMs: 0 }),
  refreshAfterRejection: async () => serviceTokens.get(),
};

beforeAll(async () => {
  zoho = await new ScriptedZoho().start();
  zoho.tokenAnswer = (call) =>
    new URLSearchParams(call.body).get('grant_type') === 'authorization_code'
      ? zoho.issueToken({ refresh_token: REFRESH_TOKEN })
      : zoho.issueToken();
  proxy = await proxyOver(zoho, {
    signIn: true,
    app: {
      logger: { stream: { write: (line: string) => void written.push(line) }, level: 'info' },
      embed: { allowedOrigins: () => [], secret: EMBED_SECRET, tokens: serviceTokens },
    },
  });
  browser = new TestBrowser(proxy.url);
});
afterAll(async () => {
  await proxy.close();
  await zoho.close();
});

/** Signs in as Zoho's consent page would send the browser back: a code and the state. */
async function signIn(): Promise<Response> {
  const started = await browser.fetch('/auth/sign-in?returnTo=%2F');
  const consent = new URL(started.headers.get('location')!);
  const callback = new URL(consent.searchParams.get('redirect_uri')!);
  callback.search = new URLSearchParams({
    code: GRANT_CODE,
    state: consent.searchParams.get('state')!,
    'accounts-server': zoho.url,
  }).toString();
  return browser.fetch(callback.toString());
}

/** The proxy as `npm start` runs it, in a process of its own, and what it wrote to stdout. */
async function startAsNpmStartDoes() {
  const { url, process } = await spawnTs(
    'src/server/main.ts',
    { PORT: '0', SANDBOX_PORT: '0', DATA_DIR: tempDataDir(), APP_DIST_DIR: tempDataDir() },
    /Bigin Attachments at (http:\/\/\S+)/,
  );
  let out = '';
  process.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return {
    url,
    process,
    out: () => out,
    /** Stops it at once (its shutdown is tested in shutdown.test.ts). */
    kill: async () => {
      const exited = new Promise((resolve) => process.once('exit', resolve));
      process.kill('SIGKILL');
      await exited;
    },
  };
}

describe('the request log', () => {
  it('is on when the proxy is started as npm start does, on stdout from LOG_LEVEL up', async () => {
    const { url, out, kill } = await startAsNpmStartDoes();
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      // A lone line goes out within a second (the log is written in batches).
      await vi.waitFor(() => expect(out()).toContain('"route":"/healthz"'), { timeout: 5000 });
      const line = JSON.parse(
        out()
          .split('\n')
          .find((l) => l.includes('"route":"/healthz"'))!,
      );
      expect(line).toMatchObject({ level: 30, msg: 'request', method: 'GET', status: 200 });
    } finally {
      await kill();
    }
  }, 60_000);

  it('writes every line whole when requests come faster than lines go out', async () => {
    const { url, out, kill } = await startAsNpmStartDoes();
    try {
      const probes = 2000;
      for (let sent = 0; sent < probes; sent += 20) {
        const answers = await Promise.all(
          Array.from({ length: 20 }, () => fetch(`${url}/healthz`)),
        );
        expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      }
      const probeLines = () =>
        out()
          .split('\n')
          .filter((l) => l.includes('"route":"/healthz"'))
          .map((l) => JSON.parse(l) as Line);
      await vi.waitFor(() => expect(probeLines()).toHaveLength(probes), { timeout: 10_000 });
      expect(new Set(probeLines().map((l) => l.reqId)).size).toBe(probes);
    } finally {
      await kill();
    }
  }, 60_000);

  it('writes the lines still waiting when it is stopped', async () => {
    const { url, out, process } = await startAsNpmStartDoes();
    // Fewer than a batch (4 kB) of lines.
    for (let i = 0; i < 7; i += 1) expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // 'close': the process has exited and its stdout has ended.
    const closed = new Promise((resolve) => process.once('close', resolve));
    process.kill('SIGTERM');
    expect(await closed).toBe(0);
    expect(out().split('"route":"/healthz"')).toHaveLength(8);
  }, 60_000);

  it('writes one line per request: its id, route pattern, status, time and failure code, and no secret', async () => {
    expect((await signIn()).status).toBe(303);
    const { csrfToken } = (await (await browser.fetch('/api/session')).json()) as {
      csrfToken: string;
    };
    zoho.bigin = () => ({ status: 200, body: { data: [], info: { more_records: false } } });
    expect((await browser.fetch(ATTACHMENTS)).status).toBe(200);
    zoho.bigin = () => ({
      status: 403,
      body: { code: 'NO_PERMISSION', details: {}, message: 'permission denied', status: 'error' },
    });
    const refused = await browser.fetch(ATTACHMENTS);
    const { requestId } = (await refused.json()) as { requestId: string };
    const link = signEmbedToken(
      {
        module: 'Contacts',
        recordId: RECORD,
        actions: ['view'],
        exp: Math.floor(Date.now() / 1000) + 600,
      },
      EMBED_SECRET,
    );
    zoho.bigin = () => ({ status: 204 });
    expect((await fetch(`${proxy.url}${ATTACHMENTS}?embed_token=${link}`)).status).toBe(200);
    expect((await browser.fetch('/api/no-such-route')).status).toBe(404);
    // A request's line is written once its answer is out.
    await vi.waitFor(() => expect(requestLines()).toHaveLength(7));

    const seen = requestLines();
    expect(
      seen.map(({ method, route, status, code }) => ({ method, route, status, code })),
    ).toEqual([
      { method: 'GET', route: '/auth/sign-in', status: 302, code: undefined },
      { method: 'GET', route: '/auth/callback', status: 303, code: undefined },
      { method: 'GET', route: '/api/session', status: 200, code: undefined },
      {
        method: 'GET',
        route: '/api/records/:module/:recordId/attachments',
        status: 200,
        code: undefined,
      },
      {
        method: 'GET',
        route: '/api/records/:module/:recordId/attachments',
        status: 403,
        code: 'NO_PERMISSION',
      },
      {
        method: 'GET',
        route: '/api/records/:module/:recordId/attachments',
        status: 200,
        code: undefined,
      },
      { method: 'GET', route: '(no route)', status: 404, code: 'PROXY_NOT_FOUND' },
    ]);
    for (const line of seen) {
      expect(line.level).toBe(30);
      expect(line.ms).toBeGreaterThanOrEqual(0);
    }
    // One line per request, under the id the answer gave the user to quote.
    expect(lines().filter((line) => line.reqId === requestId)).toHaveLength(1);
    expect(new Set(seen.map((line) => line.reqId)).size).toBe(seen.length);
    // Fastify's own two lines per request are gone.
    expect(lines().some((line) => /incoming request|request completed/.test(line.msg))).toBe(false);

    const log = written.join('\n');
    for (const secret of [
      GRANT_CODE,
      REFRESH_TOKEN,
      'at-1',
      'client-secret',
      csrfToken,
      link.split('.')[2]!,
      RECORD,
      ...browser.cookies.values(),
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});

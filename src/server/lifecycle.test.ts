import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisStore } from './state/redis-store.ts';
import { proxyOver, type ProxyOver } from './test-support/proxy-over.ts';
import { startTestRedis } from './test-support/redis-server.ts';
import { ScriptedZoho } from './test-support/scripted-zoho.ts';

let zoho: ScriptedZoho;
let proxy: ProxyOver;

afterEach(async () => {
  await proxy?.close();
  await zoho?.close();
});

const RECORD_PATH = '/api/records/Contacts/4150868000002728001/attachments?page=1&per_page=200';

/** Answers parsed from raw HTTP/1.1 on one socket: status, headers, body. */
interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One connection held open, as a balancer's kept-alive connection: `send` writes requests on it,
 * `answers` reads every answer once the server closes it.
 */
function connection(url: string) {
  const { port } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  let text = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => (text += chunk));
  const answers = new Promise<RawAnswer[]>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('close', () => resolve(parseAnswers(text)));
  });
  return {
    send: (...paths: string[]) =>
      socket.write(
        paths.map((path) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`).join(''),
      ),
    answers,
  };
}

function parseAnswers(text: string): RawAnswer[] {
  const answers: RawAnswer[] = [];
  let rest = text;
  while (rest.startsWith('HTTP/1.1')) {
    const end = rest.indexOf('\r\n\r\n');
    const [statusLine, ...lines] = rest.slice(0, end).split('\r\n');
    const headers = Object.fromEntries(
      lines.map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
      }),
    );
    const length = Number(headers['content-length'] ?? 0);
    const body = rest.slice(end + 4, end + 4 + length);
    answers.push({ status: Number(statusLine!.split(' ')[1]), headers, body });
    rest = rest.slice(end + 4 + length);
  }
  return answers;
}

describe('health and readiness for load balancers', () => {
  it('answers /healthz and /readyz with tiny JSON, never cached, with no sign-in', async () => {
    zoho = await new ScriptedZoho().start();
    proxy = await proxyOver(zoho, { signIn: true });
    for (const [path, body] of [
      ['/healthz', { status: 'ok' }],
      ['/readyz', { status: 'ready' }],
    ] as const) {
      const r = await fetch(`${proxy.url}${path}`, { redirect: 'manual' });
      expect(r.status, path).toBe(200);
      expect(r.headers.get('cache-control'), path).toBe('no-store');
      expect(r.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(r.headers.get('set-cookie'), path).toBeNull();
      expect(await r.json(), path).toEqual(body);
    }
  });

  it('is outside the rate limit: a balancer may ask as often as it likes', async () => {
    zoho = await new ScriptedZoho().start();
    proxy = await proxyOver(zoho, { signIn: true, app: { rateLimitPerMinute: 2 } });
    for (let i = 0; i < 5; i++) {
      expect((await fetch(`${proxy.url}/readyz`)).status).toBe(200);
      expect((await fetch(`${proxy.url}/healthz`)).status).toBe(200);
    }
    // The API is still counted: the third call from this address is refused.
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${proxy.url}/api/session`)).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('is not ready while the state store cannot be reached, or does not answer in time', async () => {
    zoho = await new ScriptedZoho().start();
    let store: 'up' | 'down' | 'hung' = 'down';
    proxy = await proxyOver(zoho, {
      signIn: true,
      app: {
        stateReady: () =>
          store === 'up'
            ? Promise.resolve()
            : store === 'down'
              ? Promise.reject(new Error('ECONNREFUSED'))
              : new Promise(() => {}),
      },
    });
    const readyz = async () => {
      const r = await fetch(`${proxy.url}/readyz`);
      return { status: r.status, body: await r.json() };
    };
    expect(await readyz()).toEqual({
      status: 503,
      body: { status: 'not-ready', reason: 'state-unavailable' },
    });
    store = 'hung';
    const asked = Date.now();
    expect((await readyz()).status).toBe(503);
    expect(Date.now() - asked).toBeLessThan(3000);
    // Alive all the while: restarting the instance would not bring the store back.
    expect((await fetch(`${proxy.url}/healthz`)).status).toBe(200);
    store = 'up';
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
  });
});

describe('readiness on Redis', () => {
  it('says not ready while Redis is away, at once, and ready again when it is back', async () => {
    const redis = await startTestRedis();
    const state = await RedisStore.connect({ url: redis.url, prefix: 'readyz-test:' });
    try {
      zoho = await new ScriptedZoho().start();
      proxy = await proxyOver(zoho, { signIn: true, app: { state } });
      const readyz = async () => {
        const r = await fetch(`${proxy.url}/readyz`);
        return { status: r.status, body: await r.json() };
      };
      expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });

      await redis.stop();
      const asked = Date.now();
      expect(await readyz()).toEqual({
        status: 503,
        body: { status: 'not-ready', reason: 'state-unavailable' },
      });
      expect(Date.now() - asked).toBeLessThan(1500);
      expect((await fetch(`${proxy.url}/healthz`)).status).toBe(200);

      await redis.restart();
      const until = Date.now() + 15_000;
      let answer = await readyz();
      while (answer.status !== 200 && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        answer = await readyz();
      }
      expect(answer).toEqual({ status: 200, body: { status: 'ready' } });
    } finally {
      await proxy?.close();
      await state.close();
      await redis.stop();
    }
  }, 30_000);
});

describe('draining on shutdown', () => {
  it('finishes a request in flight, refuses the next on the same connection, and accepts no new connection', async () => {
    zoho = await new ScriptedZoho().start();
    let answered = false;
    zoho.bigin = () => ({
      status: 200,
      delayMs: 600,
      body: { data: [], info: { more_records: false, page: 1, per_page: 200, count: 0 } },
    });
    proxy = await proxyOver(zoho, { app: { shutdownGraceMs: 10_000 } });
    // Two balancer connections, each carrying a list call that takes 600 ms at Bigin; once the
    // drain has begun, a readiness probe on one and another call on the other.
    const held = [connection(proxy.url), connection(proxy.url)];
    const answers = Promise.all(held.map((c) => c.answers)).then((a) => {
      answered = true;
      return a;
    });
    for (const c of held) c.send(RECORD_PATH);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closed = proxy.app.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(proxy.app.lifecycle.draining).toBe(true);
    held[0]!.send('/readyz');
    held[1]!.send('/api/session');
    // No new connection is accepted while the requests in flight finish.
    await expect(fetch(`${proxy.url}/healthz`)).rejects.toThrow();
    expect(answered).toBe(false);

    const [[list, readyz] = [], [otherList, next] = []] = await answers;
    for (const answer of [list, otherList]) {
      expect(answer!.status).toBe(200);
      expect(JSON.parse(answer!.body)).toMatchObject({ data: [] });
    }
    expect(readyz!.status).toBe(503);
    expect(JSON.parse(readyz!.body)).toEqual({ status: 'not-ready', reason: 'draining' });
    expect(next!.status).toBe(503);
    expect(next!.headers.connection).toBe('close');
    expect(next!.headers['retry-after']).toBe('1');
    expect(JSON.parse(next!.body)).toMatchObject({ code: 'PROXY_SHUTTING_DOWN' });
    await closed;
  });

  it('closes at once when nothing is in flight, however long the grace period', async () => {
    zoho = await new ScriptedZoho().start();
    proxy = await proxyOver(zoho, { app: { shutdownGraceMs: 30_000 } });
    // A kept-alive connection, idle now, does not hold the shutdown up.
    expect((await fetch(`${proxy.url}${RECORD_PATH}`)).status).toBe(200);
    const started = Date.now();
    await proxy.app.close();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('stops what is still running when the grace period ends, and closes', async () => {
    zoho = await new ScriptedZoho().start();
    // Bigin never answers this one: only the grace period can end it.
    zoho.bigin = () => ({ status: 200, delayMs: 60_000, body: {} });
    proxy = await proxyOver(zoho, { app: { shutdownGraceMs: 300 } });
    const stuck = fetch(`${proxy.url}${RECORD_PATH}`).then(
      (r) => r.status,
      () => 'connection closed',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await proxy.app.close();
    expect(Date.now() - started).toBeLessThan(300 + 2000 + 1000);
    expect(await stuck).toBe('connection closed');
  });
});

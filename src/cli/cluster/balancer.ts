import {
  Agent,
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small round-robin HTTP balancer on node:http, for trying several instances locally (`npm run
 * cluster`) and for the tests: no sticky sessions, a backend sent traffic only while its
 * `/readyz` answers 200, and `X-Forwarded-For` appended as a real balancer does. Not for
 * production (no TLS, no WebSocket, no limits): use nginx, HAProxy or a cloud balancer there.
 */
export interface Balancer {
  url: string;
  /** The backends that answered their last readiness check. */
  ready: () => string[];
  /** How many requests each backend was sent. */
  sent: () => Record<string, number>;
  close: () => Promise<void>;
}

export interface BalancerOptions {
  backends: readonly string[];
  host?: string;
  port?: number;
  /** How often each backend's `/readyz` is asked. */
  checkEveryMs?: number;
}

/** Per hop, never passed on (RFC 9110, 7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'upgrade',
]);

export async function startBalancer(options: BalancerOptions): Promise<Balancer> {
  const agent = new Agent({ keepAlive: true });
  const ready = new Set<string>();
  const sent = Object.fromEntries(options.backends.map((b) => [b, 0]));
  let next = 0;

  const check = async (backend: string) => {
    try {
      const r = await fetch(`${backend}/readyz`, { signal: AbortSignal.timeout(1000) });
      await r.body?.cancel();
      if (r.status === 200) ready.add(backend);
      else ready.delete(backend);
    } catch {
      ready.delete(backend);
    }
  };
  const checkAll = () => Promise.all(options.backends.map(check));
  await checkAll();
  const checks = setInterval(() => void checkAll(), options.checkEveryMs ?? 1000);

  /** The next ready backend in turn; every one when none is ready (it answers for itself). */
  const pick = (skip: ReadonlySet<string>): string | undefined => {
    const pool = options.backends.filter((b) => ready.has(b) && !skip.has(b));
    const from = pool.length ? pool : options.backends.filter((b) => !skip.has(b));
    return from.length ? from[next++ % from.length] : undefined;
  };

  const forward = (req: IncomingMessage, res: ServerResponse, tried: Set<string>) => {
    const backend = pick(tried);
    if (!backend) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end('No instance answers.\n');
      return;
    }
    tried.add(backend);
    sent[backend] = (sent[backend] ?? 0) + 1;
    const upstream = request(`${backend}${req.url}`, {
      method: req.method,
      agent,
      headers: forwardedHeaders(req),
    });
    upstream.once('response', (answer) => {
      // An instance that is stopping refuses it (503): a GET can go to the next one instead.
      const untried = options.backends.some((b) => !tried.has(b));
      if (answer.statusCode === 503 && resendable(req) && untried) {
        answer.resume();
        return forward(req, res, tried);
      }
      res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
      answer.pipe(res);
    });
    upstream.once('error', () => {
      // Refused (an instance that stopped): a GET goes to the next one.
      if (!res.headersSent && resendable(req)) return forward(req, res, tried);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end();
    });
    // The browser went away: so does the call to the instance (an upload is cut before its end).
    res.once('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    // A GET is sent whole at once, so that it can go again to the next instance.
    if (resendable(req)) upstream.end();
    else req.pipe(upstream);
  };

  const server = createServer((req, res) => forward(req, res, new Set()));
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    ready: () => options.backends.filter((b) => ready.has(b)),
    sent: () => ({ ...sent }),
    close: async () => {
      clearInterval(checks);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

/** Without a body, so it can be sent again to another instance. */
const resendable = (req: IncomingMessage) => req.method === 'GET' || req.method === 'HEAD';

function forwardedHeaders(req: IncomingMessage): IncomingHttpHeaders {
  const headers = withoutHopByHop(req.headers);
  const peer = req.socket.remoteAddress ?? '';
  const before = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = before ? `${before}, ${peer}` : peer;
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-host'] = req.headers.host ?? '';
  return headers;
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())),
  );
}

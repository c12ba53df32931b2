import { setMaxListeners } from 'node:events';
import fp from 'fastify-plugin';
import { ApiFailure, sendApiFailure } from './api-failure.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether the instance is draining for a shutdown, and when its grace period ends. */
    lifecycle: Lifecycle;
  }
}

/** The reason a transfer still running when the grace period ends is stopped with. */
export class ShutdownCutoff extends Error {
  override name = 'ShutdownCutoff';
  constructor() {
    super('the server is shutting down and its grace period is over');
  }
}

/** After the grace period, how long stopped requests get to say so before sockets are closed. */
export const CUTOFF_ANSWER_MS = 2000;
/** How often, while draining, connections that went idle are closed (keep-alive otherwise). */
const IDLE_SWEEP_MS = 200;
/** How long /readyz waits for the state store before calling it unreachable. */
const READY_CHECK_TIMEOUT_MS = 1000;

export interface LifecycleOptions {
  /**
   * How long requests in flight may run once the shutdown starts (SHUTDOWN_GRACE_SECONDS);
   * 0 closes every connection at once.
   */
  graceMs: number;
  /** Resolves when the state the proxy keeps (sessions, tokens, limits) can be reached. */
  stateReady?: (() => Promise<void>) | undefined;
}

export type Readiness =
  { ready: true } | { ready: false; reason: 'draining' | 'state-unavailable' };

export class Lifecycle {
  private readonly cutoffController = new AbortController();
  private drainingSince: number | undefined;

  constructor(private readonly stateReady: (() => Promise<void>) | undefined) {
    // Every transfer in flight listens here (file-transfer.ts) and stops listening when it
    // ends: twenty downloads at once are not a leak, and Node's warning would say they were.
    setMaxListeners(0, this.cutoffController.signal);
  }

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  /** Aborts when the grace period is over: transfers still running are stopped (file-transfer.ts). */
  get cutoff(): AbortSignal {
    return this.cutoffController.signal;
  }

  startDraining(): void {
    this.drainingSince ??= Date.now();
  }

  cut(): void {
    if (!this.cutoff.aborted) this.cutoffController.abort(new ShutdownCutoff());
  }

  /** Ready for traffic: not draining, and the state store answers in time. */
  async readiness(): Promise<Readiness> {
    if (this.draining) return { ready: false, reason: 'draining' };
    if (!this.stateReady) return { ready: true };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.stateReady(),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), READY_CHECK_TIMEOUT_MS);
        }),
      ]);
      return this.draining ? { ready: false, reason: 'draining' } : { ready: true };
    } catch {
      return { ready: false, reason: 'state-unavailable' };
    } finally {
      clearTimeout(timer);
    }
  }
}

const PROBES = new Set(['/healthz', '/readyz']);

/**
 * The instance's life for a load balancer: `GET /healthz` (the process answers) and
 * `GET /readyz` (it may be sent traffic: the state store answers and it is not draining), and
 * a shutdown that loses nothing. Closing the app (SIGTERM or SIGINT in main.ts) drains it: no
 * new connection is accepted, a request arriving on a connection already open is refused with
 * 503 PROXY_SHUTTING_DOWN and `Connection: close` (a balancer or the app's retry goes to another
 * instance), and requests in flight run to their end for up to `graceMs`. Then the transfers
 * still running are stopped (an upload's call to Bigin is aborted before its end, so Bigin keeps
 * nothing) and answered as not done where the answer has not started, and the connections close.
 *
 * Registered first, so that a refused request touches no session or counter.
 */
export const lifecycle = fp<LifecycleOptions>(
  async (app, { graceMs, stateReady }) => {
    const life = new Lifecycle(stateReady);
    app.decorate('lifecycle', life);

    app.addHook('onRequest', async (request, reply) => {
      if (!life.draining || PROBES.has(request.url.split('?')[0]!)) return;
      reply.header('Connection', 'close').header('Retry-After', '1');
      return sendApiFailure(request, reply, ApiFailure.proxy('PROXY_SHUTTING_DOWN'));
    });

    const probe = { config: { noStore: true } };
    // Liveness: the process answers. Nothing else is checked, so that a balancer or an
    // orchestrator never restarts an instance for what a restart cannot mend (Redis away).
    app.get('/healthz', probe, async () => ({ status: 'ok' }));
    app.get('/readyz', probe, async (_request, reply) => {
      const readiness = await life.readiness();
      if (readiness.ready) return { status: 'ready' };
      return reply.code(503).send({ status: 'not-ready', reason: readiness.reason });
    });

    let sweep: NodeJS.Timeout | undefined;
    let cutTimer: NodeJS.Timeout | undefined;
    let closeTimer: NodeJS.Timeout | undefined;
    app.addHook('preClose', async () => {
      life.startDraining();
      const server = app.server;
      // server.close() closes the connections idle now; these close the ones that go idle later
      // (after the answer of a request in flight), which keep-alive would otherwise hold open.
      sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
      const cut = () => {
        life.cut();
        closeTimer = setTimeout(() => server.closeAllConnections(), CUTOFF_ANSWER_MS);
      };
      // No grace at all: everything still open is closed at once, told or not.
      if (graceMs <= 0) {
        life.cut();
        server.closeAllConnections();
      } else cutTimer = setTimeout(cut, graceMs);
    });
    app.addHook('onClose', async () => {
      clearInterval(sweep);
      clearTimeout(cutTimer);
      clearTimeout(closeTimer);
    });
  },
  { name: 'lifecycle', fastify: '5.x' },
);

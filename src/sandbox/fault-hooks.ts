import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { faultFailure } from './bigin-failure.ts';
import { mangleBody, variantBody, type FaultContext, type FaultRegistry } from './faults.ts';

const pendingBodyFaults = new WeakMap<FastifyRequest, 'truncate' | 'malformed' | 'variant'>();

/**
 * Meets the faults that match this call: latency first, then at most one of an error answer,
 * a connection reset, or a body broken on the way out. True when the connection was reset.
 */
export async function applyFaults(
  registry: FaultRegistry,
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: Omit<FaultContext, 'method' | 'path'>,
): Promise<boolean> {
  const faults = registry.pick({
    ...ctx,
    method: request.method,
    path: request.url.split('?')[0]!,
  });
  const delay = faults.reduce((sum, f) => sum + (f.kind === 'latency' ? f.latencyMs : 0), 0);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  const fault = faults.find((f) => f.kind !== 'latency');
  if (!fault || fault.kind === 'latency') return false;
  if (fault.kind === 'error') throw faultFailure(fault);
  if (fault.kind === 'reset') {
    reply.hijack();
    request.raw.socket.resetAndDestroy();
    return true;
  }
  pendingBodyFaults.set(request, fault.kind);
  return false;
}

/** Breaks (`truncate`, `malformed`) or rewrites (`variant`) the body of a faulted call's answer. */
export function registerBodyFaultHook(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const kind = pendingBodyFaults.get(request);
    if (!kind || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    if (kind === 'variant') return variantBody(payload);
    return mangleBody(kind, payload, (n) => reply.header('content-length', n));
  });
}

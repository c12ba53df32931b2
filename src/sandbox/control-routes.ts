import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FaultRegistry } from './faults.ts';
import type { ApiLimits } from './limits.ts';
import type { SandboxStore } from './store.ts';
import type { TokenStore } from './tokens.ts';

export interface ControlOptions {
  faults: FaultRegistry;
  limits: ApiLimits;
  store: SandboxStore;
  tokens: TokenStore;
}

const limitsInputSchema = z
  .object({
    apiCreditsPer24h: z.number().int().nonnegative(),
    maxConcurrentCalls: z.number().int().positive(),
    /** Forget the calls already made (their credits come back). */
    resetUsage: z.boolean(),
  })
  .partial()
  .strict();

/**
 * The sandbox's own controls, for tests and demos: faults, limits, reset. They exist only when
 * the sandbox is built with `controlRoutes: true`, never in a production start. They answer
 * plain JSON (`{"error": "..."}` on a bad request), not Bigin's envelope: they are not Bigin.
 */
export function registerControlRoutes(app: FastifyInstance, options: ControlOptions): void {
  const { faults, limits, store, tokens } = options;
  const badRequest = (error: z.ZodError) => ({ error: z.prettifyError(error) });

  app.get('/__sandbox/faults', async () => ({ faults: faults.list() }));

  app.post('/__sandbox/faults', async (request, reply) => {
    try {
      return reply.code(201).send(faults.add(request.body));
    } catch (error) {
      if (error instanceof z.ZodError) return reply.code(400).send(badRequest(error));
      throw error;
    }
  });

  app.delete<{ Params: { id: string } }>('/__sandbox/faults/:id', async (request, reply) =>
    faults.remove(request.params.id)
      ? reply.code(204).send()
      : reply.code(404).send({ error: 'no such fault' }),
  );

  app.delete('/__sandbox/faults', async (_request, reply) => {
    faults.clear();
    return reply.code(204).send();
  });

  app.get('/__sandbox/limits', async () => ({ ...limits.settings, ...limits.usage() }));

  app.put('/__sandbox/limits', async (request, reply) => {
    const parsed = limitsInputSchema.safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send(badRequest(parsed.error));
    const { resetUsage, ...settings } = parsed.data;
    limits.settings = { ...limits.settings, ...settings };
    if (resetUsage) limits.resetUsage();
    return { ...limits.settings, ...limits.usage() };
  });

  // How many refresh tokens each user holds per client (at most 20, as at Zoho): a proxy that
  // forgets to revoke the tokens of ended sessions shows here. Self-client tokens are not counted.
  app.get('/__sandbox/refresh-tokens', async () => ({ refreshTokens: tokens.liveRefreshTokens() }));

  // Back to the seed: data (on disk too), no faults, the limits as built. Tokens stay valid.
  app.post('/__sandbox/reset', async (_request, reply) => {
    await store.reset();
    faults.clear();
    limits.restore();
    return reply.code(204).send();
  });
}

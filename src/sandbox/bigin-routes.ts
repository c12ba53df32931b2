import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { registerAttachmentRoutes } from './attachment-routes.ts';
import { authenticate, type Caller } from './bigin-access.ts';
import { BiginFailure } from './bigin-failure.ts';
import { applyFaults } from './fault-hooks.ts';
import type { FaultRegistry } from './faults.ts';
import type { ApiLimits } from './limits.ts';
import { registerPhotoRoutes } from './photo-routes.ts';
import { registerRecordRoutes } from './record-routes.ts';
import type { SandboxStore } from './store.ts';
import type { TokenStore } from './tokens.ts';

export interface BiginRoutesOptions {
  store: SandboxStore;
  tokens: TokenStore;
  limits: ApiLimits;
  faults: FaultRegistry;
  maxUploadBytes: number;
}

/** Methods each endpoint does not take: Bigin answers them INVALID_REQUEST_METHOD. */
const REFUSED_METHODS: [string, ('GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE')[]][] = [
  ['/settings/modules', ['POST', 'PUT', 'PATCH', 'DELETE']],
  ['/:module/search', ['POST', 'PUT', 'PATCH', 'DELETE']],
  ['/:module/:recordId/Attachments', ['PUT', 'PATCH']],
  ['/:module/:recordId/Attachments/:attachmentId', ['POST', 'PUT', 'PATCH']],
  ['/:module/:recordId/photo', ['PUT', 'PATCH']],
];

/**
 * Bigin's API under `/bigin/v1`. Every call is authenticated, then charged against the org's
 * limits (credits, concurrency), then meets any faults set for it, then reaches its handler.
 */
export async function registerBiginRoutes(
  app: FastifyInstance,
  options: BiginRoutesOptions,
): Promise<void> {
  const callers = new WeakMap<FastifyRequest, Caller>();
  const caller = (request: FastifyRequest) => {
    const found = callers.get(request);
    if (!found) throw new BiginFailure('AUTHENTICATION_FAILURE');
    return found;
  };

  await app.register(
    async (api) => {
      await api.register(multipart);
      api.addHook('onRequest', async (request, reply) => {
        const who = authenticate(request, options.tokens);
        callers.set(request, who);
        const release = options.limits.acquire();
        // 'close' comes however the call ends: answered, failed, or its connection reset.
        reply.raw.once('close', release);
        const params = request.params as Record<string, string | undefined>;
        await applyFaults(options.faults, request, reply, {
          module: params.module,
          recordId: params.recordId,
          attachmentId: params.attachmentId,
          userId: who.user.id,
          userName: who.user.name,
        });
      });
      const ctx = { store: options.store, caller, maxUploadBytes: options.maxUploadBytes };
      registerAttachmentRoutes(api, ctx);
      registerRecordRoutes(api, ctx);
      registerPhotoRoutes(api, ctx);
      for (const [url, methods] of REFUSED_METHODS) {
        api.route({
          method: methods,
          url,
          handler: async () => {
            throw new BiginFailure('INVALID_REQUEST_METHOD');
          },
        });
      }
    },
    { prefix: '/bigin/v1' },
  );
}

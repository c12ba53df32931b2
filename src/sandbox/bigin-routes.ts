import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { registerAttachmentRoutes } from './attachment-routes.ts';
import { authenticate, type Caller } from './bigin-access.ts';
import { BiginFailure } from './bigin-failure.ts';
import { applyFaults } from './fault-hooks.ts';
import type { FaultRegistry } from './faults.ts';
import type { ApiLimits } from './limits.ts';
import { API_VERSIONS, apiNameIn, moduleOfApiName, type ApiVersion } from './org-modules.ts';
import { registerPhotoRoutes, type PhotoLimits } from './photo-routes.ts';
import { registerRecordRoutes } from './record-routes.ts';
import type { SandboxStore } from './store.ts';
import type { TokenStore } from './tokens.ts';

export interface BiginRoutesOptions {
  store: SandboxStore;
  tokens: TokenStore;
  limits: ApiLimits;
  faults: FaultRegistry;
  maxUploadBytes: number;
  /** A record photo's size and resolution limits (Bigin's by default). */
  photoLimits?: PhotoLimits;
  /** Records reachable with `page` before v2 asks for `page_token` (Bigin's is 2,000). */
  discretePagingLimit: number;
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
 * Bigin's API under `/bigin/v1` and `/bigin/v2`, from the same data and handlers. Every call is
 * authenticated, then charged against the org's limits (credits, concurrency), then meets any
 * faults set for it, then reaches its handler. The handlers speak of the org's modules; the
 * version's own module names (v2's `Pipelines` for Deals) are translated on the way in and out.
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

  for (const version of API_VERSIONS) {
    await app.register(
      async (api) => {
        await api.register(multipart);
        api.addHook('onRequest', async (request, reply) => {
          const who = authenticate(request, options.tokens);
          readModuleName(version, request);
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
        if (version === 'v2')
          api.addHook('preSerialization', async (_request, _reply, payload) => v2Names(payload));
        const ctx = { store: options.store, caller, maxUploadBytes: options.maxUploadBytes };
        registerAttachmentRoutes(api, ctx);
        registerRecordRoutes(api, ctx, {
          version,
          discretePagingLimit: options.discretePagingLimit,
        });
        registerPhotoRoutes(api, ctx, options.photoLimits);
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
      { prefix: `/bigin/${version}` },
    );
  }
}

/** The module named in the URL, as the org's module the handlers know; INVALID_MODULE if none. */
function readModuleName(version: ApiVersion, request: FastifyRequest): void {
  const params = request.params as Record<string, string | undefined>;
  const query = request.query as Record<string, string | undefined>;
  for (const holder of [params, query]) {
    if (holder.module === undefined) continue;
    const module = moduleOfApiName(version, holder.module);
    if (!module) throw new BiginFailure('INVALID_MODULE', { resource_path_index: 0 });
    holder.module = module;
  }
}

/** v2's names in an answer: the modules list and each item's `$se_module`. */
function v2Names(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null) return payload;
  const { modules, data } = payload as { modules?: unknown; data?: unknown };
  if (Array.isArray(modules)) {
    return {
      ...payload,
      modules: modules.map((m: { api_name: string }) => ({
        ...m,
        api_name: apiNameIn('v2', m.api_name),
      })),
    };
  }
  if (Array.isArray(data)) {
    return {
      ...payload,
      data: data.map((item: Record<string, unknown>) =>
        typeof item?.$se_module === 'string'
          ? { ...item, $se_module: apiNameIn('v2', item.$se_module) }
          : item,
      ),
    };
  }
  return payload;
}

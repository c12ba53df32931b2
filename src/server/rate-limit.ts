import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import fp from 'fastify-plugin';
import { ApiFailure } from './api-failure.ts';
import { keyOf } from './state/sealed.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Counted by the rate limit (the API and the sign-in); the app's files and pages are not. */
    rateLimited?: boolean;
  }
  interface FastifyInstance {
    /**
     * Counts `extra` more requests against the caller's rate limit, beside the one the request
     * itself counted (a ZIP's files: each is a call to Bigin). When fewer are left this minute it
     * counts none and throws 429 PROXY_RATE_LIMITED with `Retry-After` and `details` (nothing
     * was started). Absent when the rate limit is off.
     */
    chargeRequests?: (
      request: FastifyRequest,
      extra: number,
      details?: Record<string, unknown>,
    ) => Promise<void>;
  }
}

export interface RateLimitOptions {
  /** Requests per session (or per address before sign-in) per minute. */
  perMinute: number;
  /** The Redis of the state store (REDIS_URL): one count for every instance. */
  redis?: Redis | undefined;
}

/**
 * The count's key for a session: a hash of its id (the id is the cookie's secret, and Redis keeps
 * its keys in view). The preview origin counts a session's previews under the same key.
 */
export const sessionRateKey = (sessionId: string) => `session:${keyOf('rate', sessionId)}`;

/**
 * `perMinute` requests a minute per key, in Redis when given (one count for every instance, and
 * for the app's and the preview origin's requests of one session), beyond it 429
 * PROXY_RATE_LIMITED with `Retry-After`. The options both origins give @fastify/rate-limit.
 */
export function countedPerMinute({ perMinute, redis }: RateLimitOptions) {
  return {
    max: perMinute,
    timeWindow: 60_000,
    ...(redis ? { redis, nameSpace: 'bigin-attachments:rate:', skipOnError: true } : {}),
    errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) => {
      const seconds = Math.ceil(context.ttl / 1000);
      return ApiFailure.proxy('PROXY_RATE_LIMITED', {
        retry_after_seconds: seconds,
      }).withHeader('Retry-After', String(seconds));
    },
  };
}

/**
 * One count per session (or per address before sign-in) across the routes that say they are
 * rate limited; beyond it, 429 PROXY_RATE_LIMITED with `Retry-After`. A ZIP counts one request per
 * file (`chargeRequests`). With REDIS_URL the counts
 * are @fastify/rate-limit's Redis store's, shared by every instance (kept by Redis's TTL);
 * otherwise in this process (@fastify/rate-limit's own LRU, apart from the sessions: however many
 * addresses fill it, no session ends). While Redis is lost requests are not counted: whatever they need of the state
 * store fails with PROXY_STATE_UNAVAILABLE anyway.
 */
export const rateLimit = fp<RateLimitOptions>(
  async (app, options) => {
    await app.register(fastifyRateLimit, {
      ...countedPerMinute(options),
      keyGenerator: (request) =>
        request.session ? sessionRateKey(request.session.id) : `ip:${request.ip}`,
      allowList: (request) => !request.routeOptions.config.rateLimited,
    });
    // The same count and key as the requests' own (no options: the plugin's store and settings).
    const limiter = app.createRateLimit();
    app.decorate('chargeRequests', async (request, extra, details = {}) => {
      if (extra <= 0) return;
      const now = await limiter(request, { increment: false });
      // A route the limit does not count.
      if (now.isAllowed) return;
      // Checked, then counted: instances racing on one session may pass the limit by a little.
      if (now.remaining < extra) {
        const seconds = Math.max(1, now.ttlInSeconds);
        throw ApiFailure.proxy('PROXY_RATE_LIMITED', {
          retry_after_seconds: seconds,
          requests_left: now.remaining,
          ...details,
        }).withHeader('Retry-After', String(seconds));
      }
      await Promise.all(Array.from({ length: extra }, () => limiter(request)));
    });
  },
  { name: 'rate-limit', fastify: '5.x', dependencies: ['sessions'] },
);

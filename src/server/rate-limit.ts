import fastifyRateLimit from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import fp from 'fastify-plugin';
import { ApiFailure } from './api-failure.ts';
import { keyOf } from './state/sealed.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Counted by the rate limit (the API and the sign-in); the app's files and pages are not. */
    rateLimited?: boolean;
  }
}

export interface RateLimitOptions {
  /** Requests per session (or per address before sign-in) per minute. */
  perMinute: number;
  /** The Redis of the state store (REDIS_URL): one count for every instance. */
  redis?: Redis | undefined;
}

/**
 * One count per session (or per address before sign-in) across the routes that say they are
 * rate limited; beyond it, 429 PROXY_RATE_LIMITED with `Retry-After`. With REDIS_URL the counts
 * are @fastify/rate-limit's Redis store's, shared by every instance (kept by Redis's TTL);
 * otherwise in this process (@fastify/rate-limit's own LRU, apart from the sessions: however many
 * addresses fill it, no session ends). While Redis is lost requests are not counted: whatever they need of the state
 * store fails with PROXY_STATE_UNAVAILABLE anyway.
 */
export const rateLimit = fp<RateLimitOptions>(
  async (app, { perMinute, redis }) => {
    await app.register(fastifyRateLimit, {
      max: perMinute,
      timeWindow: 60_000,
      ...(redis ? { redis, nameSpace: 'bigin-attachments:rate:', skipOnError: true } : {}),
      // A hash of the session id: the id is the cookie's secret, and Redis keeps its keys in view.
      keyGenerator: (request) =>
        request.session ? `session:${keyOf('rate', request.session.id)}` : `ip:${request.ip}`,
      allowList: (request) => !request.routeOptions.config.rateLimited,
      errorResponseBuilder: (_request, context) => {
        const seconds = Math.ceil(context.ttl / 1000);
        return ApiFailure.proxy('PROXY_RATE_LIMITED', {
          retry_after_seconds: seconds,
        }).withHeader('Retry-After', String(seconds));
      },
    });
  },
  { name: 'rate-limit', fastify: '5.x', dependencies: ['sessions'] },
);

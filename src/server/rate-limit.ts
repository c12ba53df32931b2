import fastifyRateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { ApiFailure } from './api-failure.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Counted by the rate limit (the API and the sign-in); the app's files and pages are not. */
    rateLimited?: boolean;
  }
}

export interface RateLimitOptions {
  /** Requests per session (or per address before sign-in) per minute. */
  perMinute: number;
}

/**
 * One count per session (or per address before sign-in) across the routes that say they are
 * rate limited; beyond it, 429 PROXY_RATE_LIMITED with `Retry-After`.
 */
export const rateLimit = fp<RateLimitOptions>(
  async (app, { perMinute }) => {
    await app.register(fastifyRateLimit, {
      max: perMinute,
      timeWindow: 60_000,
      keyGenerator: (request) =>
        request.session ? `session:${request.session.id}` : `ip:${request.ip}`,
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

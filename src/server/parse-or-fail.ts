import type { z } from 'zod';
import { ApiFailure } from './api-failure.ts';

/** Validates a request part strictly before any of it reaches an upstream URL. */
export function parseOrFail<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ param: i.path.join('.'), problem: i.message }));
  throw ApiFailure.proxy('PROXY_BAD_REQUEST', { issues });
}

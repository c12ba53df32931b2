import { z } from 'zod/mini';

/**
 * The answer to a write (upload, link, delete): `{"data":[{code, details, message, status}]}`.
 * An item with `"status":"error"` inside a 2xx answer is a failure.
 */
export const writeResultItemSchema = z.object({
  code: z.string(),
  details: z.record(z.string(), z.unknown()),
  message: z.string(),
  status: z.enum(['success', 'error']),
});
export const writeResultSchema = z.object({
  data: z.array(writeResultItemSchema).check(z.minLength(1)),
});
export type WriteResult = z.infer<typeof writeResultSchema>;

/** Bigin's photo calls answer one item, not a list: `{code, details, message, status}`. */
export const photoResultSchema = z.object({
  code: z.string(),
  details: z._default(z.record(z.string(), z.unknown()), {}),
  message: z.string(),
  status: z.enum(['success', 'error']),
});
export type PhotoResult = z.infer<typeof photoResultSchema>;

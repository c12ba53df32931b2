import { z } from 'zod';
import { BIGIN_MAX_PER_PAGE, biginIdSchema } from './bigin-attachment.ts';
import { moduleNameSchema } from './modules.ts';
import { RECORD_PHOTO_MODULES } from './record-photo.ts';

/**
 * What the proxy's /api routes accept in their path and query, checked strictly before any of it
 * reaches an upstream URL (the routes declare these as their `schema`).
 */

/** `/api/records/:module` */
export const moduleParamsSchema = z.object({ module: moduleNameSchema });

/** `/api/records/:module/:recordId` and everything under it. */
export const recordParamsSchema = z.object({ module: moduleNameSchema, recordId: biginIdSchema });

/** `/api/records/:module/:recordId/attachments/:attachmentId` (download, preview, delete). */
export const attachmentParamsSchema = recordParamsSchema.extend({ attachmentId: biginIdSchema });

/** `/api/records/:module/:recordId/photo`: only the modules Bigin keeps a record photo in. */
export const photoParamsSchema = z.object({
  module: moduleNameSchema.refine((m) => RECORD_PHOTO_MODULES.includes(m), {
    message: 'only Contacts, Accounts and Products carry a photo',
  }),
  recordId: biginIdSchema,
});

const recordPaging = {
  page: z.coerce.number().int().min(1).max(100).default(1),
  per_page: z.coerce.number().int().min(1).max(BIGIN_MAX_PER_PAGE).default(20),
};

/** `GET /api/records/:module`: recent records. */
export const recordListQuerySchema = z.object({
  ...recordPaging,
  // Bigin's own token for the page after the 2,000th record (v2), passed back as it came.
  page_token: z
    .string()
    .regex(/^[A-Za-z0-9_.=-]{1,500}$/, 'a page token is letters, digits and _ . = -')
    .optional(),
});

/** `GET /api/records/:module/search?word=` or `?email=`: exactly one of them. */
export const recordSearchQuerySchema = z
  .object({
    ...recordPaging,
    word: searchWordSchema().optional(),
    email: z
      .email('an email is name@domain')
      .max(100, 'an email is at most 100 characters')
      .optional(),
  })
  .refine((q) => (q.word === undefined) !== (q.email === undefined), {
    message: 'search by exactly one of word and email',
    path: ['word'],
  });

/** Bigin wants at least 2 characters; the proxy refuses what has no place in a search word. */
function searchWordSchema() {
  return (
    z
      .string()
      .trim()
      .min(2, 'a search word is at least 2 characters')
      .max(100, 'a search word is at most 100 characters')
      // eslint-disable-next-line no-control-regex -- control characters are what it looks for
      .refine((w) => !/[\u0000-\u001f\u007f\\/]|\.\.|%[0-9a-f]{2}/i.test(w), {
        // A "%2F" left after the URL's own decoding is an encoded character on its way to Bigin.
        message: 'a search word cannot hold control characters, /, \\, .. or %-escapes',
      })
  );
}

/** `GET /api/records/:module/:recordId/attachments`: Bigin's pages of 200 at most. */
export const attachmentPageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(BIGIN_MAX_PER_PAGE).default(BIGIN_MAX_PER_PAGE),
});

import { z } from 'zod/mini';
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
export const attachmentParamsSchema = z.extend(recordParamsSchema, { attachmentId: biginIdSchema });

/** `/api/records/:module/:recordId/photo`: only the modules Bigin keeps a record photo in. */
export const photoParamsSchema = z.object({
  module: moduleNameSchema.check(
    z.refine((m) => RECORD_PHOTO_MODULES.includes(m), {
      message: 'only Contacts, Accounts and Products carry a photo',
    }),
  ),
  recordId: biginIdSchema,
});

/** A query parameter read as a whole number from `min` to `max`; `fallback` when absent. */
const wholeNumber = (min: number, max: number, fallback: number) =>
  z._default(z.coerce.number().check(z.int(), z.minimum(min), z.maximum(max)), fallback);

const recordPaging = {
  page: wholeNumber(1, 100, 1),
  per_page: wholeNumber(1, BIGIN_MAX_PER_PAGE, 20),
};

/** `GET /api/records/:module`: recent records. */
export const recordListQuerySchema = z.object({
  ...recordPaging,
  // Bigin's own token for the page after the 2,000th record (v2), passed back as it came.
  page_token: z.optional(
    z
      .string()
      .check(z.regex(/^[A-Za-z0-9_.=-]{1,500}$/, 'a page token is letters, digits and _ . = -')),
  ),
});

/** `GET /api/records/:module/search?word=` or `?email=`: exactly one of them. */
export const recordSearchQuerySchema = z
  .object({
    ...recordPaging,
    word: z.optional(searchWordSchema()),
    email: z.optional(
      z
        .email('an email is name@domain')
        .check(z.maxLength(100, 'an email is at most 100 characters')),
    ),
  })
  .check(
    z.refine((q) => (q.word === undefined) !== (q.email === undefined), {
      message: 'search by exactly one of word and email',
      path: ['word'],
    }),
  );

/** Bigin wants at least 2 characters; the proxy refuses what has no place in a search word. */
function searchWordSchema() {
  return z.string().check(
    z.trim(),
    z.minLength(2, 'a search word is at least 2 characters'),
    z.maxLength(100, 'a search word is at most 100 characters'),
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    z.refine((w) => !/[\u0000-\u001f\u007f\\/]|\.\.|%[0-9a-f]{2}/i.test(w), {
      // A "%2F" left after the URL's own decoding is an encoded character on its way to Bigin.
      message: 'a search word cannot hold control characters, /, \\, .. or %-escapes',
    }),
  );
}

/** `GET /api/records/:module/:recordId/attachments`: Bigin's pages of 200 at most. */
export const attachmentPageQuerySchema = z.object({
  page: wholeNumber(1, 100_000, 1),
  per_page: wholeNumber(1, BIGIN_MAX_PER_PAGE, BIGIN_MAX_PER_PAGE),
});

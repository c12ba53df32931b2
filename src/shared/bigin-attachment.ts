import { z } from 'zod/mini';

/** Bigin ids are 19-digit numeric strings: above 2^53, so never numbers. */
export const biginIdSchema = z
  .string()
  .check(z.regex(/^\d{1,19}$/, 'a Bigin id is 1 to 19 digits'));

/** ISO 8601 with the user's offset, as Bigin writes it: 2020-07-24T18:12:43+05:30 */
export const biginDateTimeSchema = z.iso.datetime({ offset: true });

/**
 * A field read generously: absent or null as sent, of another shape as undefined (shown as a
 * dash), instead of failing its item, let alone its page.
 */
const lenient = <T extends z.ZodMiniType>(schema: T) => z.catch(z.nullish(schema), undefined);

/** A user as Bigin names one (owner, creator, modifier); only what is readable is kept. */
export const userRefSchema = z.looseObject({
  name: lenient(z.string()),
  id: lenient(biginIdSchema),
  email: lenient(z.string()),
});
export type UserRef = z.infer<typeof userRefSchema>;

/**
 * One item of `GET /bigin/{v1|v2}/{module}/{record_id}/Attachments`, read generously (Zoho's CRM
 * specification requires only `id`, `Created_Time`, `Created_By`, `Modified_Time`, `Modified_By`,
 * and real answers differ from the samples): only the id is needed, every other field may be
 * missing, null or odd, and unknown fields are kept.
 */
export const attachmentSchema = z.looseObject({
  id: biginIdSchema,
  File_Name: lenient(z.string()),
  // The v1 sample sends a string of digits, the v1 page and the CRM spec an integer: both read
  // as a string of digits.
  Size: lenient(
    z.union([
      z.string().check(z.regex(/^\d+$/)),
      z.pipe(
        z.int().check(z.nonnegative()),
        z.transform((n) => String(n)),
      ),
    ]),
  ),
  Owner: lenient(userRefSchema),
  Created_Time: lenient(biginDateTimeSchema),
  Created_By: lenient(userRefSchema),
  Modified_Time: lenient(biginDateTimeSchema),
  Modified_By: lenient(userRefSchema),
  Parent_Id: lenient(z.looseObject({ name: lenient(z.string()), id: lenient(biginIdSchema) })),
  $editable: lenient(z.boolean()),
  // null or absent for a link attachment
  $file_id: lenient(z.string()),
  // "Attachment" (v1) or "File" (the CRM spec) for a file; "Link URL" for a link
  $type: lenient(z.string()),
  $se_module: lenient(z.string()),
  $state: lenient(z.string()),
  // null or absent for a file
  $link_url: lenient(z.string()),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** A user exactly as Bigin's samples write one. */
export const documentedUserSchema = z.object({
  name: z.string(),
  id: biginIdSchema,
  email: z.optional(z.string()),
});
export type DocumentedUser = z.infer<typeof documentedUserSchema>;

/** An attachment exactly as Bigin's v1 sample writes one: what the sandbox sends and keeps. */
export const documentedAttachmentSchema = z.object({
  Owner: documentedUserSchema,
  Modified_Time: biginDateTimeSchema,
  File_Name: z.string(),
  Created_Time: biginDateTimeSchema,
  Size: z.string().check(z.regex(/^\d+$/)),
  Parent_Id: z.object({ name: z.nullable(z.string()), id: biginIdSchema }),
  $editable: z.boolean(),
  $file_id: z.nullable(z.string()),
  $type: z.string(),
  $se_module: z.string(),
  Modified_By: documentedUserSchema,
  $state: z.string(),
  id: biginIdSchema,
  Created_By: documentedUserSchema,
  $link_url: z.nullable(z.string()),
});
export type DocumentedAttachment = z.infer<typeof documentedAttachmentSchema>;

/** Bigin's paging `info`; what is missing reads as a single last page. */
export const pageInfoSchema = z.object({
  per_page: lenient(z.int().check(z.positive())),
  count: lenient(z.int().check(z.nonnegative())),
  page: lenient(z.int().check(z.positive())),
  more_records: z.catch(z.boolean(), false),
  // v2, past 2,000 records: the token for the next page.
  next_page_token: lenient(z.string()),
});
export type PageInfo = z.infer<typeof pageInfoSchema>;

/**
 * A list answer as it arrives: the items are read one by one by `readItems`, so that one odd
 * item never fails the page.
 */
export const rawListSchema = z.object({
  data: z.array(z.unknown()),
  info: z.catch(pageInfoSchema, { more_records: false }),
});

/** Each item that reads, and how many did not (left out and counted, never a page-wide error). */
export function readItems<T>(
  items: readonly unknown[],
  schema: z.core.$ZodType<T>,
): { items: T[]; unreadable: number } {
  const read: T[] = [];
  for (const item of items) {
    const parsed = z.safeParse(schema, item);
    if (parsed.success) read.push(parsed.data);
  }
  return { items: read, unreadable: items.length - read.length };
}

/** `GET .../Attachments`: each readable attachment, and how many could not be read. */
export const attachmentListSchema = z.pipe(
  rawListSchema,
  z.transform(({ data, info }) => {
    const { items, unreadable } = readItems(data, attachmentSchema);
    return { data: items, info, unreadable };
  }),
);
export type AttachmentList = z.infer<typeof attachmentListSchema>;

/** Bigin pages hold at most 200 items. */
export const BIGIN_MAX_PER_PAGE = 200;

/** A link: Bigin's "Link URL" (or another link-like type), or any item with a link address. */
export const isLinkAttachment = (a: Pick<Attachment, '$type' | '$link_url'>): boolean =>
  /link/i.test(a.$type ?? '') || Boolean(a.$link_url);

import { z } from 'zod';

/** Bigin ids are 19-digit numeric strings: above 2^53, so never numbers. */
export const biginIdSchema = z.string().regex(/^\d{1,19}$/, 'a Bigin id is 1 to 19 digits');

export const userRefSchema = z.object({
  name: z.string(),
  id: biginIdSchema,
  email: z.string().optional(),
});
export type UserRef = z.infer<typeof userRefSchema>;

/** ISO 8601 with the user's offset, as Bigin writes it: 2020-07-24T18:12:43+05:30 */
export const biginDateTimeSchema = z.iso.datetime({ offset: true });

/** One item of `GET /bigin/v1/{module}/{record_id}/Attachments`, field for field. */
export const attachmentSchema = z.object({
  Owner: userRefSchema,
  Modified_Time: biginDateTimeSchema,
  File_Name: z.string(),
  Created_Time: biginDateTimeSchema,
  // Bigin sends the size as a string of digits ("0" for a link).
  Size: z.string().regex(/^\d+$/),
  Parent_Id: z.object({ name: z.string().nullable(), id: biginIdSchema }),
  $editable: z.boolean(),
  // null for a link attachment
  $file_id: z.string().nullable(),
  // "Attachment" for a file, "Link URL" for a link
  $type: z.string(),
  $se_module: z.string(),
  Modified_By: userRefSchema,
  $state: z.string(),
  id: biginIdSchema,
  Created_By: userRefSchema,
  // null for a file
  $link_url: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const pageInfoSchema = z.object({
  per_page: z.number().int().positive(),
  count: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  more_records: z.boolean(),
});
export type PageInfo = z.infer<typeof pageInfoSchema>;

export const attachmentListSchema = z.object({
  data: z.array(attachmentSchema),
  info: pageInfoSchema,
});
export type AttachmentList = z.infer<typeof attachmentListSchema>;

/** Bigin pages hold at most 200 items. */
export const BIGIN_MAX_PER_PAGE = 200;

export const isLinkAttachment = (a: Pick<Attachment, '$type' | '$link_url'>): boolean =>
  a.$type === 'Link URL' || a.$link_url !== null;

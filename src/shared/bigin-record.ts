import { z } from 'zod';
import { biginIdSchema, rawListSchema, readItems } from './bigin-attachment.ts';

/**
 * A record as `GET /{module}`, `/{module}/search` and `/{module}/{id}` answer it: fields vary by
 * module and by what was asked; only the id is needed.
 */
export const biginRecordSchema = z.looseObject({ id: biginIdSchema });
export type BiginRecord = z.infer<typeof biginRecordSchema>;

/** `GET /{module}` and `GET /{module}/search`: `{data, info}`; 204 with no body when empty. */
export const recordListSchema = rawListSchema.transform(({ data, info }) => {
  const { items, unreadable } = readItems(data, biginRecordSchema);
  return { data: items, info, unreadable };
});

/** `GET /{module}/{id}`: `{data:[record]}`; a record without a readable id is no record. */
export const singleRecordSchema = z
  .object({ data: z.array(z.unknown()) })
  .transform(({ data }) => ({
    record: readItems(data, biginRecordSchema).items[0],
  }));

/**
 * A module's name field as Bigin's field metadata marks it (`display_field: true` in
 * `GET /settings/fields?module=`): `Full_Name`, `Account_Name`, `Deal_Name`, `Product_Name`,
 * `Event_Title`, `Subject`... Only the api name and the flag are read; other fields are many.
 */
export const fieldMetadataSchema = z
  .object({ fields: z.array(z.unknown()) })
  .transform(
    ({ fields }) =>
      readItems(
        fields,
        z.looseObject({ api_name: z.string(), display_field: z.boolean().catch(false) }),
      ).items,
  );

/**
 * The name a person would call a record by: its module's name field, else first and last
 * names (a contact without Full_Name still carries them), else its id.
 */
export function recordName(nameField: string, record: Record<string, unknown>): string {
  const value = record[nameField];
  if (typeof value === 'string' && value.trim() !== '') return value;
  const parts = [record.First_Name, record.Last_Name].filter((p) => typeof p === 'string' && p);
  return parts.length ? parts.join(' ') : String(record.id);
}

import { z } from 'zod/mini';
import { biginIdSchema, rawListSchema, readItems } from './bigin-attachment.ts';

/**
 * A record as `GET /{module}`, `/{module}/search` and `/{module}/{id}` answer it: fields vary by
 * module and by what was asked; only the id is needed.
 */
export const biginRecordSchema = z.looseObject({ id: biginIdSchema });
export type BiginRecord = z.infer<typeof biginRecordSchema>;

/** `GET /{module}` and `GET /{module}/search`: `{data, info}`; 204 with no body when empty. */
export const recordListSchema = z.pipe(
  rawListSchema,
  z.transform(({ data, info }) => {
    const { items, unreadable } = readItems(data, biginRecordSchema);
    return { data: items, info, unreadable };
  }),
);

/** `GET /{module}/{id}`: `{data:[record]}`; a record without a readable id is no record. */
export const singleRecordSchema = z.pipe(
  z.object({ data: z.array(z.unknown()) }),
  z.transform(({ data }) => ({
    record: readItems(data, biginRecordSchema).items[0],
  })),
);

/**
 * A module's fields as Bigin's field metadata lists them (`GET /settings/fields?module=`): the
 * name field is marked `display_field: true` (`Full_Name`, `Account_Name`, `Deal_Name`,
 * `Product_Name`, `Event_Title`, `Subject`...), and `data_type` tells an email field (`email`).
 * Only the api name, the flag and the type are read; other properties are many.
 */
export const fieldMetadataSchema = z.pipe(
  z.object({ fields: z.array(z.unknown()) }),
  z.transform(
    ({ fields }) =>
      readItems(
        fields,
        z.looseObject({
          api_name: z.string(),
          display_field: z.catch(z.boolean(), false),
          data_type: z.catch(z.optional(z.string()), undefined),
        }),
      ).items,
  ),
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

/**
 * A field's value as a few words for the record picker's second line: text or a number as it
 * is, a lookup (`{name, id}`) by its name; nothing for anything else or an empty value.
 */
export function fieldText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value && typeof value === 'object' && 'name' in value) {
    const name = (value as { name?: unknown }).name;
    return typeof name === 'string' ? name.trim() || undefined : undefined;
  }
  return undefined;
}

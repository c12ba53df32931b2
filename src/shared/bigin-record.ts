import { z } from 'zod';
import { biginIdSchema, pageInfoSchema } from './bigin-attachment.ts';

/** The field that names a record, per module (Bigin has no common "Name" field). */
export const RECORD_NAME_FIELDS: Record<string, string> = {
  Contacts: 'Full_Name',
  Accounts: 'Account_Name',
  Deals: 'Deal_Name',
  Products: 'Product_Name',
  Tasks: 'Subject',
  Events: 'Subject',
  Calls: 'Subject',
};

/** A record as `GET /{module}`, `/{module}/search` and `/{module}/{id}` answer it: fields vary. */
export const biginRecordSchema = z.looseObject({ id: biginIdSchema });
export type BiginRecord = z.infer<typeof biginRecordSchema>;

/** `GET /{module}` and `GET /{module}/search`: `{data, info}`; 204 with no body when empty. */
export const recordListSchema = z.object({
  data: z.array(biginRecordSchema),
  info: pageInfoSchema.partial().extend({ more_records: z.boolean() }),
});

/** `GET /{module}/{id}`: `{data:[record]}`. */
export const singleRecordSchema = z.object({ data: z.array(biginRecordSchema).length(1) });

/** The name a person would call a record by, from its module's name field. */
export function recordName(module: string, record: Record<string, unknown>): string {
  const field = RECORD_NAME_FIELDS[module];
  const value = field ? record[field] : undefined;
  if (typeof value === 'string' && value !== '') return value;
  // Contacts without Full_Name still carry First_Name / Last_Name.
  const parts = [record.First_Name, record.Last_Name].filter((p) => typeof p === 'string' && p);
  return parts.length ? parts.join(' ') : String(record.id);
}

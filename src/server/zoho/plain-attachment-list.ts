import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { biginDateTimeSchema } from '../../shared/bigin-attachment.ts';
import { API_GZIP_OPTIONS } from '../routes/api-compression.ts';
import type { JsonBody } from './bigin-client.ts';

const gzipped = promisify(gzip);

/**
 * The listings lately found plain, each with the bytes Bigin sent and the proxy's page made of
 * them. Bigin sends a record's page again byte for byte until its attachments change (a record
 * opened again, the app's refetch on focus), and the same bytes are the same page: an answer
 * equal to the last one found plain for its listing goes out as that page, neither parsed nor
 * checked nor copied again (comparing two pages of 200 costs a few µs; parsing and checking
 * one, some 400-500). Whatever Bigin sends, only bytes once found plain go out unparsed. At most
 * `max` listings are kept, the least recently used left out first (a page of 200 is ~140 kB).
 */
export class PlainPages {
  private readonly pages = new Map<
    string,
    { bytes: Buffer; page: Buffer; gzipped?: Promise<Buffer> }
  >();

  constructor(private readonly max = 32) {}

  /** The proxy's page for `answer`, Bigin's answer to `listing`, when it is plain. */
  pageOf(listing: string, answer: JsonBody): Buffer | undefined {
    const known = this.pages.get(listing);
    this.pages.delete(listing);
    if (known?.bytes.equals(answer.bytes)) {
      this.pages.set(listing, known);
      return known.page;
    }
    const page = isPlainAttachmentList(answer.body) ? withNoneUnreadable(answer.bytes) : undefined;
    if (!page) return undefined;
    this.pages.set(listing, { bytes: answer.bytes, page });
    if (this.pages.size > this.max) this.pages.delete(this.pages.keys().next().value!);
    return page;
  }

  /**
   * `page` (from pageOf for `listing`) gzipped as the API's answers are, made once for as long
   * as the page is kept: gzipping a page of 200 costs some 600-800 µs of CPU, and browsers ask
   * for gzip on every listing.
   */
  gzippedOf(listing: string, page: Buffer): Promise<Buffer> {
    const known = this.pages.get(listing);
    if (known?.page !== page) return gzipped(page, API_GZIP_OPTIONS);
    known.gzipped ??= gzipped(page, API_GZIP_OPTIONS).catch((error: unknown) => {
      known.gzipped = undefined; // not kept: the next listing tries again
      throw error;
    });
    return known.gzipped;
  }
}

/**
 * Whether Bigin's attachment list reads, through `attachmentListSchema`, as exactly what it says:
 * only `data` and `info` at the top, every item readable with nothing of it dropped or changed
 * (each known field absent, null or of its type; an integer `Size` or an odd date would be
 * changed, so such a page says no). Then the proxy's page is Bigin's bytes with
 * `"unreadable":0` added, and the zod parse and the JSON.stringify of 200 items are not needed.
 * Anything else says no and goes through the schema as before. Checked against the schema in
 * plain-attachment-list.test.ts.
 */
export function isPlainAttachmentList(body: unknown): body is { data: unknown[]; info: object } {
  if (!isRecord(body) || !Array.isArray(body.data) || !isRecord(body.info)) return false;
  for (const key in body) if (key !== 'data' && key !== 'info') return false;
  if (!isPlainInfo(body.info)) return false;
  for (const item of body.data) if (!isPlainAttachment(item)) return false;
  return true;
}

/** Bigin's list bytes with `"unreadable":0` as the last member: the proxy's page. */
export function withNoneUnreadable(bytes: Buffer): Buffer | undefined {
  let end = bytes.length - 1;
  while (end > 0 && isJsonSpace(bytes[end]!)) end -= 1;
  if (bytes[end] !== 0x7d /* } */) return undefined;
  return Buffer.concat([bytes.subarray(0, end), UNREADABLE_NONE]);
}

const UNREADABLE_NONE = Buffer.from(',"unreadable":0}');
const isJsonSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

const DATE_TIME = biginDateTimeSchema._zod.pattern!;
const ID = /^\d{1,19}$/;
const DIGITS = /^\d+$/;

type Check = (value: unknown) => boolean;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** Absent or null is kept as sent; otherwise it must pass, or the schema would drop it. */
const lenient =
  (check: Check): Check =>
  (v) =>
    v === undefined || v === null || check(v);
const string: Check = (v) => typeof v === 'string';
const id: Check = (v) => typeof v === 'string' && ID.test(v);
const dateTime: Check = (v) => typeof v === 'string' && DATE_TIME.test(v);
const positiveInt: Check = (v) => Number.isSafeInteger(v) && (v as number) > 0;
const objectOf =
  (fields: Record<string, Check>): Check =>
  (v) => {
    if (!isRecord(v)) return false;
    for (const key in fields) if (!fields[key]!(v[key])) return false;
    return true;
  };
const userRef = objectOf({ name: lenient(string), id: lenient(id), email: lenient(string) });

const isPlainAttachment = objectOf({
  id,
  File_Name: lenient(string),
  Size: lenient((v) => typeof v === 'string' && DIGITS.test(v)),
  Owner: lenient(userRef),
  Created_Time: lenient(dateTime),
  Created_By: lenient(userRef),
  Modified_Time: lenient(dateTime),
  Modified_By: lenient(userRef),
  Parent_Id: lenient(objectOf({ name: lenient(string), id: lenient(id) })),
  $editable: lenient((v) => typeof v === 'boolean'),
  $file_id: lenient(string),
  $type: lenient(string),
  $se_module: lenient(string),
  $state: lenient(string),
  $link_url: lenient(string),
});

const INFO_KEYS = new Set(['per_page', 'count', 'page', 'more_records', 'next_page_token']);
const isPlainInfoFields = objectOf({
  per_page: lenient(positiveInt),
  count: lenient((v) => Number.isSafeInteger(v) && (v as number) >= 0),
  page: lenient(positiveInt),
  more_records: (v) => typeof v === 'boolean',
  next_page_token: lenient(string),
});
/** `info` as pageInfoSchema reads it unchanged: its known fields only (it drops the others). */
const isPlainInfo = (info: Record<string, unknown>) => {
  for (const key in info) if (!INFO_KEYS.has(key)) return false;
  return isPlainInfoFields(info);
};

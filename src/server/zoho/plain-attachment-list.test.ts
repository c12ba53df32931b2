import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod/mini';
import { attachmentListSchema } from '../../shared/bigin-attachment.ts';
import { docSampleAttachmentList } from '../../shared/doc-samples.ts';
import { JsonBody } from './bigin-client.ts';
import { isPlainAttachmentList, PlainPages, withNoneUnreadable } from './plain-attachment-list.ts';

const item = docSampleAttachmentList.data[0]!;
const list = (data: unknown[], info: unknown = docSampleAttachmentList.info) => ({ data, info });
/** What the proxy sent before: the schema's reading, encoded again. */
const throughSchema = (body: unknown) =>
  JSON.parse(JSON.stringify(z.parse(attachmentListSchema, body))) as unknown;
/** What it sends for a plain page: Bigin's bytes with "unreadable":0. */
const asSent = (body: unknown, text = JSON.stringify(body)) =>
  JSON.parse(withNoneUnreadable(Buffer.from(text))!.toString()) as unknown;

describe('a plain attachment list', () => {
  const plain = [
    ['the documented sample', docSampleAttachmentList],
    ['two hundred items', list(Array.from({ length: 200 }, (_, i) => ({ ...item, id: `${i}` })))],
    ['nulls and absent fields', list([{ id: '1', Owner: null, $link_url: null }])],
    ['unknown fields on an item', list([{ ...item, Extra: { deep: [1, 2] } }])],
    ['an empty page', list([], { more_records: false })],
    ['a v2 token', list([item], { ...docSampleAttachmentList.info, next_page_token: 'abc' })],
  ] as const;
  for (const [label, body] of plain) {
    it(`${label}: sent as Bigin's bytes, reading as the schema reads it`, () => {
      expect(isPlainAttachmentList(body)).toBe(true);
      expect(asSent(body)).toEqual(throughSchema(body));
      expect(asSent(body, `${JSON.stringify(body, null, 2)}\n`)).toEqual(throughSchema(body));
    });
  }

  const changed = [
    ['an integer Size (read as a string)', list([{ ...item, Size: 12 }])],
    ['an odd date (read as a dash)', list([{ ...item, Created_Time: 'yesterday' }])],
    ['an owner of another shape', list([{ ...item, Owner: 'Patricia' }])],
    ['an item without an id (left out)', list([{ ...item, id: undefined }])],
    ['an id that is a number', list([{ ...item, id: 1 }])],
    ['a member beside data and info (dropped)', { ...docSampleAttachmentList, extra: 1 }],
    ['info with a member of its own (dropped)', list([item], { more_records: false, x: 1 })],
    ['info without more_records (read as false)', list([item], { page: 1 })],
    ['info not an object', list([item], 'none')],
    ['data not a list', { data: {}, info: docSampleAttachmentList.info }],
  ] as const;
  for (const [label, body] of changed) {
    it(`${label}: goes through the schema`, () => {
      expect(isPlainAttachmentList(body)).toBe(false);
    });
  }

  it('is not spliced when the bytes do not end an object', () => {
    expect(withNoneUnreadable(Buffer.from('[1]'))).toBeUndefined();
  });
});

describe('the listings lately found plain', () => {
  afterEach(() => vi.restoreAllMocks());
  const answer = (body: unknown) => new JsonBody(Buffer.from(JSON.stringify(body)), 200);
  const page = (body: unknown) => `${JSON.stringify(body).slice(0, -1)},"unreadable":0}`;
  const other = list([{ ...item, File_Name: 'other.pdf' }]);

  it("sends Bigin's same bytes again without parsing them, and anything else as it reads", () => {
    const pages = new PlainPages();
    const parse = vi.spyOn(JSON, 'parse');
    expect(
      pages.pageOf('/Contacts/1/Attachments', answer(docSampleAttachmentList))?.toString(),
    ).toBe(page(docSampleAttachmentList));
    expect(parse).toHaveBeenCalledTimes(1);
    expect(
      pages.pageOf('/Contacts/1/Attachments', answer(docSampleAttachmentList))?.toString(),
    ).toBe(page(docSampleAttachmentList));
    expect(parse).toHaveBeenCalledTimes(1);
    // Another listing's bytes, or this listing's changed, are read.
    expect(pages.pageOf('/Contacts/2/Attachments', answer(docSampleAttachmentList))).toBeDefined();
    expect(pages.pageOf('/Contacts/1/Attachments', answer(other))?.toString()).toBe(page(other));
    expect(parse).toHaveBeenCalledTimes(3);
    // A page that is not plain is never kept: read each time.
    const odd = list([{ ...item, Size: 12 }]);
    expect(pages.pageOf('/Contacts/1/Attachments', answer(odd))).toBeUndefined();
    expect(pages.pageOf('/Contacts/1/Attachments', answer(odd))).toBeUndefined();
    expect(parse).toHaveBeenCalledTimes(5);
  });

  it('keeps the listings used last, up to its bound', () => {
    const pages = new PlainPages(2);
    const parse = vi.spyOn(JSON, 'parse');
    for (const listing of ['/a', '/b', '/a', '/c', '/a', '/b']) {
      pages.pageOf(listing, answer(docSampleAttachmentList));
    }
    // /a, /b, /c read; /a again kept; /b left out when /c came (/a was used after it).
    expect(parse).toHaveBeenCalledTimes(4);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentListSchema } from '../shared/bigin-attachment.ts';
import { makePng } from './file-bytes.ts';
import { EMPTY_RECORD_ID } from './seed-ids.ts';
import { expectBiginError, startSandbox, type RunningSandbox } from './test-harness.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

/** A small multipart form, written by hand so that it can go sized or chunked alike. */
function form(
  parts: ({ name: string; value: string } | { name: string; file: string; bytes: Buffer })[],
) {
  const boundary = 'sized-body-test';
  const bytes = Buffer.concat([
    ...parts.map((p) =>
      'bytes' in p
        ? Buffer.concat([
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.file}"\r\n\r\n`,
            ),
            p.bytes,
            Buffer.from('\r\n'),
          ])
        : Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`,
          ),
    ),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return { bytes, type: `multipart/form-data; boundary=${boundary}` };
}

/** Posts `body` sized (fetch states the length of bytes) or chunked (a stream has none). */
function post(path: string, body: { bytes: Buffer; type: string }, sized: boolean) {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // Two pieces, as a streamed upload arrives.
      const half = Math.floor(body.bytes.length / 2);
      controller.enqueue(new Uint8Array(body.bytes.subarray(0, half)));
      controller.enqueue(new Uint8Array(body.bytes.subarray(half)));
      controller.close();
    },
  });
  return sandbox.api(path, {
    method: 'POST',
    headers: { 'Content-Type': body.type },
    ...(sized ? { body: new Uint8Array(body.bytes) } : { body: stream, duplex: 'half' }),
  } as RequestInit);
}

const attachments = `Contacts/${EMPTY_RECORD_ID}/Attachments`;
const listed = async () => {
  const response = await sandbox.api(attachments);
  return response.status === 204 ? [] : attachmentListSchema.parse(await response.json()).data;
};

describe('uploads must state their length, as a strict server wants', () => {
  it.each([
    ['a file', attachments, form([{ name: 'file', file: 'a.txt', bytes: Buffer.from('hello') }])],
    [
      'a link',
      attachments,
      form([
        { name: 'attachmentUrl', value: 'https://example.com/sized-body' },
        { name: 'title', value: 'Sized' },
      ]),
    ],
    [
      'a record photo',
      `Contacts/${EMPTY_RECORD_ID}/photo`,
      form([{ name: 'file', file: 'me.png', bytes: makePng(8_000, 3) }]),
    ],
  ])('refuses %s sent chunked with 411, and stores nothing', async (_label, path, body) => {
    const before = await listed();
    const photoBefore = (await sandbox.api(`Contacts/${EMPTY_RECORD_ID}/photo`)).status;
    const envelope = await expectBiginError(
      await post(path, body, false),
      411,
      'REQUIRED_PARAM_MISSING',
    );
    expect(envelope.details).toEqual({ param_name: 'Content-Length' });
    expect(await listed()).toEqual(before);
    expect((await sandbox.api(`Contacts/${EMPTY_RECORD_ID}/photo`)).status).toBe(photoBefore);
  });

  it.each([
    ['a file', attachments, form([{ name: 'file', file: 'b.txt', bytes: Buffer.from('hi') }])],
    [
      'a link',
      attachments,
      form([{ name: 'attachmentUrl', value: 'https://example.com/sized-body-ok' }]),
    ],
    [
      'a record photo',
      `Contacts/${EMPTY_RECORD_ID}/photo`,
      form([{ name: 'file', file: 'me.png', bytes: makePng(8_000, 4) }]),
    ],
  ])('takes %s sent with its Content-Length', async (_label, path, body) => {
    const response = await post(path, body, true);
    expect(response.status).toBe(200);
    // Attachment writes answer a `data` list; the photo answers its one item.
    const answer = (await response.json()) as { data?: { status: string }[]; status?: string };
    expect(answer.data?.[0]?.status ?? answer.status).toBe('success');
  });

  it('takes a link in the query with no body at all (sized, at zero)', async () => {
    const response = await sandbox.api(
      `${attachments}?attachmentUrl=${encodeURIComponent('https://example.com/no-body')}`,
      { method: 'POST' },
    );
    expect(response.status).toBe(200);
  });
});

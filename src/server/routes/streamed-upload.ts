import { randomBytes } from 'node:crypto';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decodeFormFileName, encodeFormFileName } from '../../shared/form-file-name.ts';
import { ApiFailure } from '../api-failure.ts';
import type { BiginClient, TokenSource } from '../zoho/bigin-client.ts';
import { transferFor } from './file-transfer.ts';
import { baseType } from './file-types.ts';

export interface StreamedUpload<T> {
  tokens: TokenSource;
  bigin: BiginClient;
  /** From biginPath(): where the multipart `file` goes. */
  path: string;
  maxBytes: number;
  /** A refusal for this file, decided from its name and declared type before any byte is sent. */
  refuse: (fileName: string, declaredType: string) => ApiFailure | undefined;
  read: (response: Response) => Promise<T>;
}

/**
 * Streams the browser's multipart `file` into a multipart request to Bigin as it arrives: no
 * more than a few chunks are held at a time. Past `maxBytes` the upstream request is aborted
 * before its closing boundary, so Bigin stores nothing, and the browser gets 413. Sent once:
 * Bigin's uploads carry no idempotency key, and a streamed body cannot be sent twice anyway.
 */
export async function streamUpload<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  upload: StreamedUpload<T>,
): Promise<T> {
  const part = await request.file({
    limits: { fileSize: upload.maxBytes, files: 1, fields: 0, parts: 1 },
    throwFileSizeLimit: false,
    // A backslash is part of a name (browsers send no folders), not a folder to cut off.
    preservePath: true,
  });
  if (!part || part.fieldname !== 'file') {
    if (part) dropRest(part.file);
    throw ApiFailure.proxy('PROXY_BAD_REQUEST', { param: 'file', problem: 'a file is required' });
  }
  const declared = baseType(part.mimetype) ?? 'application/octet-stream';
  const fileName = decodeFormFileName(part.filename) || 'file';
  const refusal = upload.refuse(fileName, declared);
  if (refusal) {
    dropRest(part.file);
    throw refusal;
  }
  const transfer = transferFor(reply);
  const boundary = `----BiginAttachments${randomBytes(16).toString('hex')}`;
  const state = { tooLarge: false };
  try {
    return await upload.bigin.exchange(
      upload.tokens,
      {
        method: 'POST',
        path: upload.path,
        headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
        body: multipartBody(part, fileName, declared, boundary, state, () => transfer.touch()),
        signal: transfer.signal,
        noDeadline: true,
      },
      upload.read,
    );
  } catch (error) {
    if (state.tooLarge) {
      throw ApiFailure.proxy('PROXY_FILE_TOO_LARGE', { limit_bytes: upload.maxBytes });
    }
    throw error;
  } finally {
    transfer.done();
    // Whatever Bigin said, the browser may still be sending.
    dropRest(part.file);
  }
}

/**
 * Reads the rest of the browser's file to the end and drops it, so that the browser, still
 * sending, gets the answer, and the connection's next request is not held up behind unread
 * bytes until the server's header timeout. With a listener, not resume(): while the body for
 * Bigin still reads the file (Bigin failed mid-upload), resume() does nothing.
 */
function dropRest(file: MultipartFile['file']): void {
  if (!file.readableEnded) file.on('data', () => {});
}

/**
 * The request body for Bigin: the part's header, the file's bytes as they arrive, the closing
 * boundary. Thrown errors abort the upstream request before it is complete.
 */
async function* multipartBody(
  part: MultipartFile,
  fileName: string,
  declared: string,
  boundary: string,
  state: { tooLarge: boolean },
  moved: () => void,
): AsyncGenerator<Uint8Array> {
  yield Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${formFileName(fileName)}"\r\n` +
      `Content-Type: ${declared}\r\n\r\n`,
  );
  // Stopping early (Bigin failed) must not destroy the browser's request: the rest is drained
  // so that the browser, still sending, gets the answer.
  for await (const chunk of part.file.iterator({
    destroyOnReturn: false,
  }) as AsyncIterable<Buffer>) {
    moved();
    yield chunk;
  }
  // The parser stops passing bytes at the limit and marks the file truncated.
  if (part.file.truncated) {
    state.tooLarge = true;
    throw new Error('the file is larger than the upload limit');
  }
  yield Buffer.from(`\r\n--${boundary}--\r\n`);
}

/** A file name for Bigin's form, as a browser writes it; other control characters as spaces. */
const formFileName = (name: string) =>
  // eslint-disable-next-line no-control-regex -- control characters are what it replaces
  encodeFormFileName(name.replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/g, ' '));

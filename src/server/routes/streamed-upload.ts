import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { UPLOAD_SIZE_FIELD } from '../../shared/api-contract.ts';
import { decodeFormFileName } from '../../shared/form-file-name.ts';
import { ApiFailure } from '../api-failure.ts';
import { claimBody, cutBody, limitBody, untilCut } from '../body-guard.ts';
import type { BiginClient, TokenSource } from '../zoho/bigin-client.ts';
import { SizedForm, type FileFrame } from '../zoho/sized-form.ts';
import { cutByShutdown, transferFor } from './file-transfer.ts';
import { baseType } from './file-types.ts';

export interface StreamedUpload<T> {
  tokens: TokenSource;
  bigin: BiginClient;
  /** From biginPath(): where the multipart `file` goes. */
  path: string;
  maxBytes: number;
  /** A refusal for this file, decided from its name and declared type before any byte is sent. */
  refuse: (fileName: string, declared: string) => ApiFailure | undefined;
  read: (response: Response) => Promise<T>;
}

/** The browser's `file` part, with the size stated for it. */
interface FilePart {
  part: MultipartFile;
  fileName: string;
  declared: string;
  size: number;
}

/** What a multipart body may carry beside the file itself: boundaries, part headers, a name. */
export const MULTIPART_FRAMING_BYTES = 64 * 1024;

/** Why the body for Bigin stopped before its end, and how many file bytes had arrived. */
interface Stop {
  reason?: 'too-large' | 'past-stated-size' | 'size-mismatch';
  received: number;
}

/**
 * Streams the browser's multipart `file` into a multipart request to Bigin as it arrives: no
 * more than a few chunks are held at a time. The request carries `Content-Length`, made from the
 * size the browser stated in the `size` field before the file; bytes that do not add up to it
 * abort the upstream request before its closing boundary, so Bigin stores nothing, as past
 * `maxBytes`. Sent once: Bigin's uploads carry no idempotency key, and a streamed body cannot be
 * sent twice anyway.
 *
 * A body that runs past the limit (chunked, so that no Content-Length refused it; or a file past
 * the size it stated), or comes too slowly (body-guard.ts), is cut: the call to Bigin stopped,
 * the answer sent with `Connection: close`, and the rest never read.
 */
export async function streamUpload<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  upload: StreamedUpload<T>,
): Promise<T> {
  const cut = claimBody(request);
  const tooLarge = () => ApiFailure.proxy('PROXY_FILE_TOO_LARGE', { limit_bytes: upload.maxBytes });
  limitBody(request, reply, upload.maxBytes + MULTIPART_FRAMING_BYTES, tooLarge);
  const file = await untilCut(readFilePart(request, reply, upload), cut);
  const transfer = transferFor(reply);
  const form = new SizedForm();
  const frame = form.fileFrame('file', file.fileName, file.declared);
  const stop: Stop = { received: 0 };
  try {
    return await upload.bigin.exchange(
      upload.tokens,
      {
        method: 'POST',
        path: upload.path,
        headers: form.headers(frame.head.length + file.size + frame.tail.length),
        body: sizedBody(file, frame, stop, () => transfer.touch()),
        signal: transfer.signal,
        noDeadline: true,
      },
      upload.read,
    );
  } catch (error) {
    // The body was cut: too slow, or past the limit (limitBody).
    if (cut.aborted) throw cut.reason;
    // The shutdown's grace period ended first: the call was aborted before its end, so Bigin
    // kept nothing, and the browser is told so.
    if (cutByShutdown(transfer)) throw ApiFailure.proxy('PROXY_SHUTTING_DOWN');
    const mismatch = () =>
      ApiFailure.proxy('PROXY_UPLOAD_SIZE_MISMATCH', {
        file_name: file.fileName,
        stated_bytes: file.size,
        received_bytes: stop.received,
      });
    // More bytes than stated, or than the limit: the rest is not read.
    if (stop.reason === 'too-large' || stop.reason === 'past-stated-size') {
      const failure =
        stop.reason === 'too-large' || stop.received > upload.maxBytes ? tooLarge() : mismatch();
      cutBody(request, reply, failure);
      throw failure;
    }
    if (stop.reason === 'size-mismatch') throw mismatch();
    throw error;
  } finally {
    transfer.done();
    // Whatever Bigin said, the browser may still be sending: unless cut, the rest is read.
    if (!cut.aborted) dropRest(file.part.file);
  }
}

/**
 * The browser's file part and its stated size, checked before a byte goes to Bigin; a refusal
 * drops the rest of the file.
 */
async function readFilePart(
  request: FastifyRequest,
  reply: FastifyReply,
  upload: Pick<StreamedUpload<unknown>, 'maxBytes' | 'refuse'>,
): Promise<FilePart> {
  const part = await request.file({
    limits: { fileSize: upload.maxBytes, files: 1, fields: 1, fieldSize: 32, parts: 2 },
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
  const size = statedSize(part);
  const refusal =
    size === undefined
      ? ApiFailure.proxy(
          'PROXY_BAD_REQUEST',
          {
            param: UPLOAD_SIZE_FIELD,
            problem: "the file's size in bytes must come before the file",
          },
          "The upload did not state the file's size; reload the page and try again",
        )
      : size > upload.maxBytes
        ? ApiFailure.proxy('PROXY_FILE_TOO_LARGE', { limit_bytes: upload.maxBytes })
        : upload.refuse(fileName, declared);
  if (refusal || size === undefined) {
    // A file stated past the limit is not read on; another refusal is drained, so that the
    // browser reads the answer and keeps the connection.
    if (refusal?.code === 'PROXY_FILE_TOO_LARGE') cutBody(request, reply, refusal);
    else dropRest(part.file);
    throw refusal;
  }
  return { part, fileName, declared, size };
}

/** The `size` field sent before the file: a whole number of bytes, else undefined. */
function statedSize(part: MultipartFile): number | undefined {
  const field = part.fields[UPLOAD_SIZE_FIELD];
  if (!field || Array.isArray(field) || field.type !== 'field' || field.valueTruncated) {
    return undefined;
  }
  const text = typeof field.value === 'string' ? field.value.trim() : '';
  const size = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  return Number.isSafeInteger(size) ? size : undefined;
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
 * boundary, exactly as many bytes as its `Content-Length` says. A thrown error aborts the
 * upstream request before it is complete: past the stated size (no byte beyond it is sent),
 * short of it, or past the limit.
 */
async function* sizedBody(
  { part, size }: FilePart,
  frame: FileFrame,
  stop: Stop,
  moved: () => void,
): AsyncGenerator<Uint8Array> {
  yield frame.head;
  // Stopping early (Bigin failed) must not destroy the browser's request: the rest is drained
  // so that the browser, still sending, gets the answer.
  for await (const chunk of part.file.iterator({
    destroyOnReturn: false,
  }) as AsyncIterable<Buffer>) {
    moved();
    stop.received += chunk.length;
    if (stop.received > size) {
      stop.reason = 'past-stated-size';
      throw new Error(`the file is more than the ${size} bytes stated`);
    }
    yield chunk;
  }
  // The parser stops passing bytes at the limit and marks the file truncated.
  if (part.file.truncated) {
    stop.reason = 'too-large';
    throw new Error('the file is larger than the upload limit');
  }
  if (stop.received !== size) {
    stop.reason = 'size-mismatch';
    throw new Error(`the file is ${stop.received} bytes, not the ${size} stated`);
  }
  yield frame.tail;
}

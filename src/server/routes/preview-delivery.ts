import type { FastifyReply } from 'fastify';
import { contentDisposition, fileNameFromDisposition } from '../../shared/content-disposition.ts';
import { ApiFailure } from '../api-failure.ts';
import { biginPath, type BiginClient, type TokenSource } from '../zoho/bigin-client.ts';
import {
  discardBody,
  requireAttachmentBytes,
  streamToBrowser,
  transferFor,
  type FileHeaders,
  type Transfer,
} from './file-transfer.ts';
import { previewContentType } from './file-types.ts';

export interface AttachmentTarget {
  module: string;
  recordId: string;
  attachmentId: string;
}

/** The file's name as Bigin gave it in `Content-Disposition`, else one made from its id. */
export const nameOf = (response: Response, attachmentId: string) =>
  fileNameFromDisposition(response.headers.get('content-disposition')) ??
  `attachment-${attachmentId}`;

/**
 * Asks Bigin for one attachment's bytes and hands its answer, unread, to `deliver`; an id Bigin
 * does not have (its 204) is PROXY_ATTACHMENT_GONE, for a download, a preview and a thumbnail
 * alike, on the app's origin and the preview origin.
 */
export async function withAttachment(
  bigin: BiginClient,
  tokens: TokenSource,
  { module, recordId, attachmentId }: AttachmentTarget,
  reply: FastifyReply,
  deliver: (response: Response, transfer: Transfer) => Promise<unknown>,
): Promise<FastifyReply> {
  const transfer = transferFor(reply);
  await bigin.exchange(
    tokens,
    {
      method: 'GET',
      path: biginPath([module, recordId, 'Attachments', attachmentId]),
      signal: transfer.signal,
      noDeadline: true,
    },
    async (response) => {
      if (response.status === 204) transfer.done();
      await requireAttachmentBytes(response, attachmentId);
      return deliver(response, transfer);
    },
  );
  return reply;
}

/**
 * Streams a previewable file inline, under the type it may be shown as (file-types.ts), with the
 * headers `headersFor` gives that type; any other file is 415 PROXY_PREVIEW_UNSUPPORTED, its body
 * left unread. `inline(type)` false serves it as a download instead (a PDF on the app's origin).
 */
export async function sendPreview(
  reply: FastifyReply,
  response: Response,
  transfer: Transfer,
  attachmentId: string,
  how: { headersFor: (type: string) => FileHeaders; inline: (type: string) => boolean },
): Promise<void> {
  const name = nameOf(response, attachmentId);
  const declared = response.headers.get('content-type');
  const type = previewContentType(declared, name);
  if (!type) {
    await discardBody(response);
    transfer.done();
    throw ApiFailure.proxy('PROXY_PREVIEW_UNSUPPORTED', {
      content_type: declared ?? '',
      file_name: name,
    });
  }
  const inline = how.inline(type);
  await streamToBrowser(reply, response, transfer, {
    contentType: type,
    disposition: contentDisposition(inline ? 'inline' : 'attachment', name),
    length: response.headers.get('content-length'),
    headers: how.headersFor(type),
  });
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { attachmentParamsSchema } from '../../shared/api-params.ts';
import { writeResultSchema } from '../../shared/bigin-write.ts';
import { contentDisposition, fileNameFromDisposition } from '../../shared/content-disposition.ts';
import { ApiFailure } from '../api-failure.ts';
import { biginPath } from '../zoho/bigin-client.ts';
import {
  discardBody,
  requireAttachmentBytes,
  restoreFileHeaders,
  streamToBrowser,
  transferFor,
  type FileHeaders,
  type Transfer,
} from './file-transfer.ts';
import { downloadContentType, previewContentType } from './file-types.ts';
import type { RouteContext } from './route-context.ts';
import { readWriteResult } from './write-result.ts';

type AttachmentParams = z.infer<typeof attachmentParamsSchema>;

/** Downloads and previews are never framed by another site; previews by the app only. */
const DOWNLOAD_HEADERS = { csp: 'sandbox', frameOptions: 'DENY' } as const;
/**
 * A preview is framed by the app; inside an embedded widget, the widget's host is an ancestor
 * too (browsers check every ancestor), so the hosts it may sit in are named as well.
 */
const previewHeaders = (type: string, embedHosts: readonly string[]): FileHeaders => ({
  // Chromium's PDF viewer does not start in a sandbox without scripts (crbug 413851); without
  // allow-same-origin its document still has an opaque origin, never the app's.
  csp: `${type === 'application/pdf' ? 'sandbox allow-scripts' : 'sandbox'}; frame-ancestors ${["'self'", ...embedHosts].join(' ')}`,
  // X-Frame-Options cannot name another site; frame-ancestors, which browsers follow instead,
  // then decides alone.
  frameOptions: embedHosts.length ? null : 'SAMEORIGIN',
});

/** The file's name as Bigin gave it in `Content-Disposition`, else one made from its id. */
const nameOf = (response: Response, attachmentId: string) =>
  fileNameFromDisposition(response.headers.get('content-disposition')) ??
  `attachment-${attachmentId}`;

/** Download, preview and delete of one attachment. */
export const fileRoutes: FastifyPluginAsyncZod<RouteContext> = async (
  app,
  { bigin, tokensFor, embedAllowedOrigins },
) => {
  /**
   * The hosts a previewed file's embedded widget may sit in: a signed link's own host, else every
   * allowed host (a widget inside one of them may run on the user's session, without a link).
   */
  const embedHostsOf = (request: FastifyRequest) =>
    request.embedGrant?.origin ? [request.embedGrant.origin] : (embedAllowedOrigins?.() ?? []);

  const path = '/records/:module/:recordId/attachments/:attachmentId';

  /**
   * Asks Bigin for one attachment's bytes and hands its answer, unread, to `deliver`; an id
   * Bigin does not have (its 204) is PROXY_ATTACHMENT_GONE, for a download, a preview and a
   * thumbnail alike.
   */
  const withAttachment = async (
    request: FastifyRequest,
    { module, recordId, attachmentId }: AttachmentParams,
    reply: FastifyReply,
    deliver: (response: Response, transfer: Transfer, attachmentId: string) => Promise<unknown>,
  ) => {
    const transfer = transferFor(reply);
    await bigin.exchange(
      tokensFor(request),
      {
        method: 'GET',
        path: biginPath([module, recordId, 'Attachments', attachmentId]),
        signal: transfer.signal,
        noDeadline: true,
      },
      async (response) => {
        if (response.status === 204) transfer.done();
        await requireAttachmentBytes(response, attachmentId);
        return deliver(response, transfer, attachmentId);
      },
    );
    return reply;
  };

  // Bytes of a file, whether saved, previewed or zipped, are a download to an embed link.
  const download = {
    schema: { params: attachmentParamsSchema },
    config: { embedAction: 'download' },
    onSend: restoreFileHeaders,
  } as const;

  // Bigin's DOWNLOAD_NOT_ALLOWED for a link attachment passes through as its error envelope.
  app.get(path, download, (request, reply) =>
    withAttachment(request, request.params, reply, (response, transfer, attachmentId) =>
      streamToBrowser(reply, response, transfer, {
        contentType: downloadContentType(response.headers.get('content-type')),
        disposition: contentDisposition('attachment', nameOf(response, attachmentId)),
        length: response.headers.get('content-length'),
        headers: DOWNLOAD_HEADERS,
      }),
    ),
  );

  app.get(
    `${path}/preview`,
    { ...download, config: { ...download.config, failurePage: 'preview' } },
    (request, reply) =>
      withAttachment(request, request.params, reply, async (response, transfer, attachmentId) => {
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
        await streamToBrowser(reply, response, transfer, {
          contentType: type,
          disposition: contentDisposition('inline', name),
          length: response.headers.get('content-length'),
          headers: previewHeaders(type, embedHostsOf(request)),
        });
      }),
  );

  // Never repeated: Bigin's writes carry no idempotency key (Upstream sends a DELETE once).
  app.delete(
    path,
    {
      schema: { params: attachmentParamsSchema, response: { 200: writeResultSchema } },
      config: { embedAction: 'delete' },
    },
    async (request) => {
      const { module, recordId, attachmentId } = request.params;
      return bigin.exchange(
        tokensFor(request),
        { method: 'DELETE', path: biginPath([module, recordId, 'Attachments', attachmentId]) },
        readWriteResult,
      );
    },
  );
};

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { attachmentParamsSchema } from '../../shared/api-params.ts';
import { writeResultSchema } from '../../shared/bigin-write.ts';
import { contentDisposition } from '../../shared/content-disposition.ts';
import { biginPath } from '../zoho/bigin-client.ts';
import {
  restoreFileHeaders,
  streamToBrowser,
  type FileHeaders,
  type Transfer,
} from './file-transfer.ts';
import { downloadContentType } from './file-types.ts';
import { nameOf, sendPreview, withAttachment as fetchAttachment } from './preview-delivery.ts';
import type { RouteContext } from './route-context.ts';
import { readWriteResult } from './write-result.ts';

type AttachmentParams = z.infer<typeof attachmentParamsSchema>;

/** Downloads and previews are never framed by another site; previews by the app only. */
const DOWNLOAD_HEADERS = { csp: 'sandbox', frameOptions: 'DENY' } as const;
/**
 * A preview on the app's origin is an image, a player's media or text, none of which runs
 * anything; it is framed by the app, and inside an embedded widget by the widget's host too
 * (browsers check every ancestor), so the hosts it may sit in are named as well. A PDF is never
 * shown here: Chromium's PDF viewer ignores `CSP: sandbox` and would run in the app's origin, so
 * it is a download on this origin, and shown from the preview origin only
 * (preview/preview-server.ts).
 */
const previewHeaders = (embedHosts: readonly string[]): FileHeaders => ({
  csp: `sandbox; frame-ancestors ${["'self'", ...embedHosts].join(' ')}`,
  // X-Frame-Options cannot name another site; frame-ancestors, which browsers follow instead,
  // then decides alone.
  frameOptions: embedHosts.length ? null : 'SAMEORIGIN',
});

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

  const withAttachment = (
    request: FastifyRequest,
    params: AttachmentParams,
    reply: FastifyReply,
    deliver: (response: Response, transfer: Transfer, attachmentId: string) => Promise<unknown>,
  ) =>
    fetchAttachment(bigin, tokensFor(request), params, reply, (response, transfer) =>
      deliver(response, transfer, params.attachmentId),
    );

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
      withAttachment(request, request.params, reply, (response, transfer, attachmentId) =>
        sendPreview(reply, response, transfer, attachmentId, {
          headersFor: (type) =>
            type === 'application/pdf' ? DOWNLOAD_HEADERS : previewHeaders(embedHostsOf(request)),
          inline: (type) => type !== 'application/pdf',
        }),
      ),
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

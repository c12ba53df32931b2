import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PREVIEW_LINKS_MAX, previewLinksSchema } from '../../shared/api-contract.ts';
import { recordParamsSchema } from '../../shared/api-params.ts';
import { biginIdSchema } from '../../shared/bigin-attachment.ts';
import { ApiFailure } from '../api-failure.ts';
import { PREVIEW_LINK_TTL_MS, type PreviewLinks, type PreviewPrincipal } from './preview-links.ts';
import { previewLinkPath } from './preview-server.ts';

export interface PreviewOriginOptions {
  /** Signs the links. */
  links: PreviewLinks;
  /** Where the preview origin is reached (PREVIEW_ORIGIN, or its own port in sandbox mode). */
  origin: () => string;
}

export interface PreviewLinkRouteOptions {
  /** Absent: no preview origin (a Zoho client without PREVIEW_ORIGIN). */
  preview?: PreviewOriginOptions | undefined;
  embedAllowedOrigins: () => readonly string[];
}

const idsSchema = z.object({
  ids: z
    .string()
    .transform((ids) => ids.split(','))
    .pipe(z.array(biginIdSchema).min(1).max(PREVIEW_LINKS_MAX)),
});

/**
 * `GET /api/records/:module/:recordId/preview-links?ids=...`: a link on the preview origin for
 * each attachment, minted for whoever asks (their session, a signed embed link's grant, or the
 * service user) and good for a few minutes. Minting calls nobody: whether the file exists, and
 * may be read, is Bigin's to say when the link is opened.
 */
export const previewLinkRoute: FastifyPluginAsyncZod<PreviewLinkRouteOptions> = async (
  app,
  { preview, embedAllowedOrigins },
) => {
  const principalOf = (request: FastifyRequest): PreviewPrincipal => {
    if (request.embedGrant) return { kind: 'embed-link' };
    if (app.sessions.serviceMode) return { kind: 'service' };
    // Throws PROXY_SIGNED_OUT, or PROXY_STATE_UNAVAILABLE, as every other route would.
    app.sessions.tokensFor(request);
    if (!request.session) throw ApiFailure.proxy('PROXY_SIGNED_OUT');
    return { kind: 'session', sessionId: request.session.id };
  };
  // As a preview on the app's origin: a signed link's own host, else every allowed host.
  const embedHostsOf = (request: FastifyRequest) =>
    request.embedGrant?.origin ? [request.embedGrant.origin] : [...embedAllowedOrigins()];

  app.get(
    '/records/:module/:recordId/preview-links',
    {
      schema: {
        params: recordParamsSchema,
        querystring: idsSchema,
        response: { 200: previewLinksSchema },
      },
      config: { embedAction: 'download' },
    },
    async (request) => {
      const principal = principalOf(request);
      if (!preview) {
        return { separateOrigin: false, expiresAt: Date.now() + PREVIEW_LINK_TTL_MS, links: {} };
      }
      const { module, recordId } = request.params;
      const hosts = embedHostsOf(request);
      const origin = preview.origin();
      let expiresAt = 0;
      const links: Record<string, string> = {};
      for (const attachmentId of request.query.ids) {
        const minted = preview.links.mint({ module, recordId, attachmentId }, principal, hosts);
        links[attachmentId] = `${origin}${previewLinkPath(minted.token)}`;
        expiresAt = minted.expiresAt;
      }
      return { separateOrigin: true, expiresAt, links };
    },
  );
};

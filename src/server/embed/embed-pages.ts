import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contentSecurityPolicy } from '../security-headers.ts';
import { verifyEmbedToken } from './embed-token.ts';

export interface EmbedPagesOptions {
  allowedOrigins: () => readonly string[];
  secret: string | undefined;
  /** Zoho's embedded-app SDK, which the Bigin widget page loads. */
  sdkUrl: string;
  /** The built app, where the widget's page is. */
  staticDir: string;
  /** Where the widget's previews come from, when not from the app's origin. */
  previewOrigin?: (() => string | undefined) | undefined;
}

/** The file under public/ (copied into the build) that is the Bigin widget's page. */
export const BIGIN_WIDGET_FILE = 'bigin-widget.html';
const SDK_PLACEHOLDER = '/bigin-widget/zoho-sdk.js';

const escapeAttribute = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Who may frame an embed page: the allowed origins, narrowed to the one a signed link names
 * when the page is opened with such a link. A link that does not verify changes nothing here:
 * the page shows its banner, and the API refuses it.
 */
function frameAncestors(request: FastifyRequest, options: EmbedPagesOptions): string[] {
  const allowed = [...options.allowedOrigins()];
  const token = (request.query as Record<string, unknown> | undefined)?.token;
  if (typeof token !== 'string' || !options.secret) return allowed;
  try {
    const { origin } = verifyEmbedToken(token, options.secret);
    return origin ? allowed.filter((o) => o === origin) : allowed;
  } catch {
    return allowed;
  }
}

/**
 * The embed pages, served to anyone (no sign-in redirect: inside a frame there is nowhere to
 * redirect to); the data stays behind the API, which wants a grant or a session. Only these
 * pages may be framed, and only by the allowed origins.
 */
export function registerEmbedPages(app: FastifyInstance, options: EmbedPagesOptions): void {
  app.get('/embed/*', async (request: FastifyRequest, reply: FastifyReply) =>
    reply
      .header(
        'Content-Security-Policy',
        contentSecurityPolicy({
          frameAncestors: frameAncestors(request, options),
          previewOrigin: options.previewOrigin?.(),
        }),
      )
      .header('Cache-Control', 'no-cache')
      .type('text/html')
      .sendFile('index.html'),
  );
  const sdkOrigin = new URL(options.sdkUrl).origin;
  // The widget's page names Zoho's SDK by a placeholder, replaced with ZOHO_EMBED_SDK_URL here.
  const widgetHtml = readFile(path.join(options.staticDir, BIGIN_WIDGET_FILE), 'utf8').then(
    (html) => html.replace(SDK_PLACEHOLDER, escapeAttribute(options.sdkUrl)),
  );
  widgetHtml.catch(() => undefined);
  app.get('/bigin-widget', async (request, reply) => {
    const csp = contentSecurityPolicy({
      frameAncestors: frameAncestors(request, options),
      scriptSources: [sdkOrigin],
      previewOrigin: options.previewOrigin?.(),
    });
    return reply
      .header('Content-Security-Policy', csp)
      .header('Cache-Control', 'no-cache')
      .type('text/html')
      .send(await widgetHtml);
  });
}

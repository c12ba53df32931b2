import fp from 'fastify-plugin';

/**
 * The page's Content-Security-Policy. No inline script may run; styles may be inline because the
 * component library injects its CSS at run time. `frameAncestors` is who may frame the page:
 * nobody, except on the embed pages.
 */
export function contentSecurityPolicy(
  options: {
    frameAncestors?: readonly string[];
    scriptSources?: readonly string[];
    /** Where previews come from (an image, a player's media, a PDF's frame), when not here. */
    previewOrigin?: string | undefined;
  } = {},
): string {
  const ancestors = options.frameAncestors?.length ? options.frameAncestors.join(' ') : "'none'";
  const preview = options.previewOrigin ? [options.previewOrigin] : [];
  return [
    "default-src 'self'",
    ["script-src 'self'", ...(options.scriptSources ?? [])].join(' '),
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data: blob:", ...preview].join(' '),
    ...(preview.length ? [`media-src 'self' ${preview[0]}`, `frame-src 'self' ${preview[0]}`] : []),
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}

/** Framing is refused everywhere but on the embed pages. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The answer is about a user (records, sessions, sign-in): `Cache-Control: no-store`. */
    noStore?: boolean;
  }
}

export interface SecurityHeadersOptions {
  /** The preview origin (preview/preview-server.ts), which the app's pages show files from. */
  previewOrigin?: (() => string | undefined) | undefined;
}

/** The headers every answer carries, and `no-store` where the route says so. */
export const securityHeaders = fp<SecurityHeadersOptions>(
  async (app, options) => {
    const policy = () => {
      const previewOrigin = options.previewOrigin?.();
      return previewOrigin ? contentSecurityPolicy({ previewOrigin }) : CONTENT_SECURITY_POLICY;
    };
    app.addHook('onSend', async (request, reply) => {
      // Answers about a user (records, sessions, sign-in redirects) are never cached; nor is an
      // answer to an address no route has (a mistyped API call), unless it says otherwise.
      const noStore = request.routeOptions.config.noStore || request.is404;
      if (noStore && !reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
      // The embed pages set their own policy, naming who may frame them (embed-pages.ts); there,
      // CSP's frame-ancestors supersedes X-Frame-Options, which cannot name an allowed origin.
      if (!reply.hasHeader('Content-Security-Policy')) {
        reply.header('Content-Security-Policy', policy());
        reply.header('X-Frame-Options', 'DENY');
      }
      reply.header('X-Content-Type-Options', 'nosniff');
      reply.header('Referrer-Policy', 'same-origin');
    });
  },
  { name: 'security-headers', fastify: '5.x' },
);

import { z } from 'zod';
import { biginIdSchema } from './bigin-attachment.ts';
import { moduleNameSchema } from './modules.ts';

/** What a signed embed link may grant on its one record. */
export const EMBED_ACTIONS = ['view', 'download', 'upload', 'delete'] as const;
export const embedActionSchema = z.enum(EMBED_ACTIONS);
export type EmbedAction = z.infer<typeof embedActionSchema>;

/** An origin and nothing else: scheme, host and port, as browsers compare them. */
export const originSchema = z
  .string()
  .refine((value) => URL.canParse(value) && new URL(value).origin === value, {
    message: 'must be an origin only, such as https://intranet.example.com',
  })
  .refine((value) => /^https?:/.test(value), { message: 'must be http(s)' });

/**
 * The claims of a signed embed link: one record, what may be done there, until when (seconds
 * since the epoch, as JWT's `exp`), and optionally the one page that may frame it.
 */
export const embedClaimsSchema = z.object({
  module: moduleNameSchema,
  recordId: biginIdSchema,
  actions: z.array(embedActionSchema).min(1),
  exp: z.number().int().positive(),
  origin: originSchema.optional(),
});
export type EmbedClaims = z.infer<typeof embedClaimsSchema>;

/** The embed routes' own failures; each names what went wrong with the link or the frame. */
export const EMBED_ERRORS = {
  /** Not made with this server's secret, altered, or not a link at all. */
  PROXY_EMBED_TOKEN_INVALID: { status: 401, message: 'This embed link is not valid' },
  PROXY_EMBED_TOKEN_EXPIRED: { status: 401, message: 'This embed link has expired' },
  /** The link names another record (or module) than the one asked for. */
  PROXY_EMBED_WRONG_RECORD: { status: 403, message: 'This embed link is for another record' },
  PROXY_EMBED_ACTION_DENIED: {
    status: 403,
    message: 'This embed link does not allow this action',
  },
  /** Routes outside the one record (module lists, search, other records). */
  PROXY_EMBED_OUT_OF_SCOPE: { status: 403, message: 'An embed link reaches one record only' },
  /** No EMBED_SECRET (or no service credentials): signed links are off on this server. */
  PROXY_EMBED_DISABLED: { status: 403, message: 'Signed embed links are not enabled here' },
} as const;
export type EmbedErrorCode = keyof typeof EMBED_ERRORS;

/**
 * `GET /api/embed/context`: the origins that may frame the widget (the only ones it ever posts
 * to) and, with a signed link in `Authorization: Bearer`, what that link grants.
 */
export const embedContextSchema = z.object({
  allowedOrigins: z.array(z.string()),
  grant: embedClaimsSchema.nullable(),
});
export type EmbedContext = z.infer<typeof embedContextSchema>;

export const embedPaths = {
  context: () => '/api/embed/context',
  widget: (module: string, recordId: string, token?: string) =>
    `/embed/${encodeURIComponent(module)}/${encodeURIComponent(recordId)}${
      token ? `?token=${encodeURIComponent(token)}` : ''
    }`,
  /** Where a sign-in in a new window comes back to: it tells the frame that opened it. */
  signedIn: () => '/embed/signed-in',
  biginWidget: () => '/bigin-widget',
};

/** The query parameter a download or preview link carries the grant in (a navigation has no headers). */
export const EMBED_TOKEN_PARAM = 'embed_token';

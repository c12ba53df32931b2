import { z } from 'zod/mini';
import { sessionUserSchema } from './api-contract.ts';
import { biginIdSchema } from './bigin-attachment.ts';
import { moduleNameSchema } from './modules.ts';

/** What a signed embed link may grant on its one record. */
export const EMBED_ACTIONS = ['view', 'download', 'upload', 'delete'] as const;
export const embedActionSchema = z.enum(EMBED_ACTIONS);
export type EmbedAction = z.infer<typeof embedActionSchema>;

/** An origin and nothing else: scheme, host and port, as browsers compare them. */
export const originSchema = z.string().check(
  z.refine((value) => URL.canParse(value) && new URL(value).origin === value, {
    message: 'must be an origin only, such as https://intranet.example.com',
  }),
  z.refine((value) => /^https?:/.test(value), { message: 'must be http(s)' }),
);

/**
 * The claims of a signed embed link: one record, what may be done there, until when (seconds
 * since the epoch, as JWT's `exp`), and optionally the one page that may frame it.
 */
export const embedClaimsSchema = z.object({
  module: moduleNameSchema,
  recordId: biginIdSchema,
  actions: z.array(embedActionSchema).check(z.minLength(1)),
  exp: z.int().check(z.positive()),
  origin: z.optional(originSchema),
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
  /**
   * The frame's sign-in code was not taken: unknown, used already, older than its minute, sent
   * from another origin than the one it was made for, or without the nonce it was made for.
   */
  PROXY_EMBED_CODE_REFUSED: {
    status: 400,
    message: 'This sign-in code cannot be used: sign in again',
  },
  /** The frame token is past its time, or the sign-in it stood for has ended (signed out). */
  PROXY_EMBED_SESSION_ENDED: {
    status: 401,
    message: 'Your session in this widget ended: sign in again',
  },
} as const;
export type EmbedErrorCode = keyof typeof EMBED_ERRORS;

/**
 * `GET /api/embed/context`: the origins that may frame the widget (the only ones it ever posts
 * to) and, with a signed link in `Authorization: Bearer`, what that link grants.
 */
export const embedContextSchema = z.object({
  allowedOrigins: z.array(z.string()),
  grant: z.nullable(embedClaimsSchema),
});
export type EmbedContext = z.infer<typeof embedContextSchema>;

/**
 * The frame's sign-in (docs/decisions/008-frame-sign-in.md). The frame picks a nonce and opens
 * `frameSignIn` in a window of its own with the nonce's SHA-256 (`nonce_sha256`, base64url); once
 * the user is signed in there, that window posts a one-time code to the frame, at the app's exact
 * origin, and the frame trades code and nonce for a frame token (`POST frameToken`), which it then
 * sends as `Authorization: Bearer` as a signed link is sent.
 */
export const FRAME_NONCE_HASH_PARAM = 'nonce_sha256';

/** A nonce's SHA-256 in base64url: 43 characters. */
export const nonceHashSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/));

/** `POST /auth/frame-token`: the code the sign-in window handed over, and the frame's nonce. */
export const frameTokenRequestSchema = z.object({
  code: z.string().check(z.minLength(1), z.maxLength(200)),
  nonce: z.string().check(z.minLength(32), z.maxLength(200)),
});
export type FrameTokenRequest = z.infer<typeof frameTokenRequestSchema>;

/** Its answer: the frame token, how long it lives unused, and who signed in. */
export const frameTokenSchema = z.object({
  token: z.string(),
  /** Each request with the token renews it for this long. */
  idleSeconds: z.int().check(z.positive()),
  user: z.optional(sessionUserSchema),
});
export type FrameToken = z.infer<typeof frameTokenSchema>;

export const embedPaths = {
  context: () => '/api/embed/context',
  widget: (module: string, recordId: string, token?: string) =>
    `/embed/${encodeURIComponent(module)}/${encodeURIComponent(recordId)}${
      token ? `?token=${encodeURIComponent(token)}` : ''
    }`,
  /** The sign-in window the frame opens: Zoho's sign-in if needed, then the code's hand-over. */
  frameSignIn: (nonceHash: string) =>
    `/auth/frame-sign-in?${FRAME_NONCE_HASH_PARAM}=${encodeURIComponent(nonceHash)}`,
  /** Where the frame trades the code for its token (no bearer, no cookie needed). */
  frameToken: () => '/auth/frame-token',
  /** Ends the sign-in a frame token stands for (the widget's own sign-out). */
  signOut: () => '/api/embed/sign-out',
  biginWidget: () => '/bigin-widget',
};

/** The query parameter a download or preview link carries the grant in (a navigation has no headers). */
export const EMBED_TOKEN_PARAM = 'embed_token';

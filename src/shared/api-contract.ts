import { z } from 'zod/mini';
import { attachmentSchema, biginIdSchema, pageInfoSchema } from './bigin-attachment.ts';
import { biginErrorSchema } from './bigin-error.ts';
import { moduleInfoSchema } from './modules.ts';

/**
 * The proxy's API, as the browser sees it. Bigin's own shapes pass through unchanged where the
 * app uses them as they are; the proxy adds a request id to every error so that a user can quote
 * it.
 */
export const apiErrorSchema = z.extend(biginErrorSchema, { requestId: z.string() });
export type ApiError = z.infer<typeof apiErrorSchema>;

/** The proxy's own error codes carry this prefix, so they never collide with Bigin's. */
export const PROXY_CODE_PREFIX = 'PROXY_';
export const PROXY_ERRORS = {
  PROXY_BAD_REQUEST: { status: 400, message: 'The request is not valid' },
  PROXY_NOT_FOUND: { status: 404, message: 'There is no such route' },
  PROXY_SIGNED_OUT: { status: 401, message: 'You are not signed in, or your sign-in has ended' },
  PROXY_CSRF: { status: 403, message: 'The request did not come from this app' },
  /**
   * A GET of the API that another site started (a link, an image on its page) without an embed
   * link: the session's cookie rode along, so it was refused (isolation.ts).
   */
  PROXY_CROSS_SITE: {
    status: 403,
    message: 'This address was opened from another site; open the file from the app instead',
  },
  PROXY_RATE_LIMITED: { status: 429, message: 'Too many requests from this session' },
  PROXY_UPSTREAM_UNREACHABLE: { status: 502, message: 'Bigin could not be reached' },
  PROXY_UPSTREAM_TIMEOUT: { status: 504, message: 'Bigin did not answer in time' },
  PROXY_UPSTREAM_INVALID: { status: 502, message: 'Bigin answered with something unexpected' },
  PROXY_SIGN_IN_FAILED: { status: 502, message: 'Zoho did not issue an access token' },
  PROXY_TOKEN_THROTTLED: {
    status: 503,
    message: 'Zoho is refusing new tokens for a while: too many were requested',
  },
  /**
   * The store the proxy keeps sessions and shared counters in (Redis, with REDIS_URL) cannot be
   * reached: nothing was done; it resumes by itself once the store is back.
   */
  PROXY_STATE_UNAVAILABLE: {
    status: 503,
    message: 'The server cannot reach its session store just now; try again shortly',
  },
  /** The sign-in's `state` was missing, unknown, stale, or started in another browser. */
  PROXY_SIGN_IN_STATE: {
    status: 400,
    message: 'This sign-in was not started here, or took too long; start it again',
  },
  /** Zoho's answer named an accounts server or API domain that is not Zoho's nor configured. */
  PROXY_UNTRUSTED_ORIGIN: {
    status: 502,
    message: 'The sign-in pointed at a server that is not Zoho; it was refused',
  },
  /** `GET /api/records/:module/:recordId` for a record Bigin does not have (Bigin's 204). */
  PROXY_RECORD_NOT_FOUND: { status: 404, message: 'There is no such record' },
  PROXY_FILE_TOO_LARGE: { status: 413, message: 'The file is larger than the upload limit' },
  /**
   * The request's body came more slowly than the proxy's minimum rate (BODY_MIN_BYTES_PER_WINDOW
   * in each BODY_RATE_WINDOW_SECONDS): it stopped reading and closed the connection; an upload's
   * call to Bigin was stopped before its end, so Bigin kept nothing.
   */
  PROXY_BODY_TOO_SLOW: {
    status: 408,
    message:
      'The request arrived too slowly, so the server stopped waiting for it and nothing was saved; check the connection and try again',
  },
  /**
   * The request did not arrive whole within REQUEST_TIMEOUT_SECONDS (an hour by default): the
   * connection was closed; an upload's call to Bigin was stopped before its end.
   */
  PROXY_REQUEST_TIMEOUT: {
    status: 408,
    message:
      'The request took longer to arrive than the server allows, so nothing was saved; try a faster connection or a smaller file',
  },
  PROXY_BLOCKED_TYPE: { status: 415, message: 'Files of this type may not be uploaded' },
  PROXY_PREVIEW_UNSUPPORTED: { status: 415, message: 'This file cannot be previewed' },
  /** A preview origin's link that this server did not mint, or that was altered. */
  PROXY_PREVIEW_LINK_INVALID: { status: 401, message: 'This preview link is not valid' },
  /** A preview origin's link past its few minutes: the app mints a new one for each preview. */
  PROXY_PREVIEW_LINK_EXPIRED: {
    status: 401,
    message: 'This preview link has expired; open the preview again',
  },
  /**
   * The upload's bytes did not add up to the size the browser stated for it: the call to Bigin
   * was stopped before its end, so Bigin kept nothing.
   */
  PROXY_UPLOAD_SIZE_MISMATCH: {
    status: 400,
    message:
      'The file did not match the size stated for it (it may have changed while it was sent), so nothing was saved; choose the file again and retry',
  },
  /**
   * A ZIP asked for more files than ZIP_MAX_ENTRIES (`details.max_entries`; each file is a call
   * to Bigin): nothing was sent to Bigin.
   */
  PROXY_ZIP_TOO_MANY_FILES: {
    status: 400,
    message: 'A ZIP holds fewer files than were chosen; choose fewer and try again',
  },
  /** A download, preview or ZIP entry of an attachment id Bigin does not have (Bigin's 204). */
  PROXY_ATTACHMENT_GONE: {
    status: 404,
    message: 'This attachment no longer exists in Bigin: it was deleted or moved',
  },
  /**
   * The instance is shutting down (a deploy): a request that arrived while it drains, or one
   * still running when its grace period ended, whose call to Bigin was stopped before its end.
   */
  PROXY_SHUTTING_DOWN: {
    status: 503,
    message: 'The server is restarting and did not do this; try again in a moment',
  },
  /**
   * Every place for calls to Bigin was taken for longer than the proxy waits
   * (BIGIN_SLOT_WAIT_MS), or too many calls were waiting: nothing was sent to Bigin.
   */
  PROXY_BUSY: {
    status: 503,
    message: 'The server is busy with other calls to Bigin; try again shortly',
  },
  /**
   * Bigin failed several calls in a row: for a few seconds the proxy answers at once rather
   * than calling it (a circuit breaker); nothing was sent to Bigin.
   */
  PROXY_UPSTREAM_PAUSED: {
    status: 503,
    message: 'Bigin failed several times in a row; calls to it are paused for a few seconds',
  },
} as const;
export type ProxyErrorCode = keyof typeof PROXY_ERRORS;

/** Who is signed in, by the name and email Zoho Accounts gives (an email may be missing). */
export const sessionUserSchema = z.object({ name: z.string(), email: z.optional(z.string()) });
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** `GET /api/session`: who is signed in. The CSRF token goes in `X-CSRF-Token` on writes. */
export const sessionSchema = z.object({
  signedIn: z.boolean(),
  /** `sandbox`: sign-in goes to the local stand-in; `zoho`: to Zoho; `service`: one fixed user. */
  mode: z.enum(['sandbox', 'zoho', 'service']),
  /** The Zoho user the session acts for, as Zoho Accounts named them at sign-in. */
  user: z.optional(sessionUserSchema),
  csrfToken: z.optional(z.string()),
  /** The largest upload the proxy accepts, in bytes (`MAX_UPLOAD_MB`), when it says so. */
  maxUploadBytes: z.optional(z.int().check(z.positive())),
});
export type Session = z.infer<typeof sessionSchema>;

/** `GET /api/modules`: the org's modules, labels as Bigin's settings name them. */
export const moduleListResponseSchema = z.object({
  modules: z.array(moduleInfoSchema),
  /** Modules Bigin listed that could not be read (no API name): left out. */
  unreadable: z._default(z.int().check(z.nonnegative()), 0),
});

/**
 * A record as the pickers show it: its name, and a second line that tells it from others of the
 * same name (a contact's email and company, a company's website...), when Bigin gave one.
 */
export const recordSummarySchema = z.object({
  id: biginIdSchema,
  name: z.string(),
  detail: z.optional(z.string()),
});
export type RecordSummary = z.infer<typeof recordSummarySchema>;

/**
 * `GET /api/records/:module` (recent records; `page_token` goes on past Bigin's 2,000-record
 * paging limit) and `/api/records/:module/search?word=`.
 */
export const recordPageSchema = z.object({
  data: z.array(recordSummarySchema),
  info: z.object({ more_records: z.boolean(), next_page_token: z.optional(z.string()) }),
  /** Records Bigin listed that could not be read (no id): left out. */
  unreadable: z._default(z.int().check(z.nonnegative()), 0),
});
export type RecordPage = z.infer<typeof recordPageSchema>;

/** `GET /api/records/:module/:recordId`: one record, named, with whether it can carry a photo. */
export const recordDetailSchema = z.extend(recordSummarySchema, {
  module: z.string(),
  hasPhotoField: z.boolean(),
  /**
   * Whether it has a photo now, as its `Record_Image` field says (the image's id, or null);
   * absent when Bigin's answer did not carry the field: then only asking for the photo tells.
   */
  hasPhoto: z.optional(z.boolean()),
});
export type RecordDetail = z.infer<typeof recordDetailSchema>;

/**
 * A page of attachments; Bigin's "no content" (204) arrives as an empty page. `unreadable`
 * counts the items Bigin sent that could not be read (no id): left out, and said.
 */
export const attachmentPageSchema = z.object({
  data: z.array(attachmentSchema),
  info: pageInfoSchema,
  unreadable: z.optional(z.int().check(z.nonnegative())),
});
export type AttachmentPage = z.infer<typeof attachmentPageSchema>;
export { pageInfoSchema };

const seg = encodeURIComponent;
const recordBase = (module: string, recordId: string) =>
  `/api/records/${seg(module)}/${seg(recordId)}`;

/** Every route of the proxy, built in one place. */
export const apiPaths = {
  session: () => '/api/session',
  /** Starts the Zoho sign-in; comes back to `returnTo` (a path of the app only). */
  signIn: (returnTo: string) => `/auth/sign-in?returnTo=${seg(returnTo)}`,
  signOut: () => '/auth/sign-out',
  modules: () => '/api/modules',
  records: (module: string) => `/api/records/${seg(module)}`,
  searchRecords: (module: string, word: string) =>
    `/api/records/${seg(module)}/search?word=${seg(word)}`,
  /** Bigin's search by email, in the module's email fields (a word search where it has none). */
  searchRecordsByEmail: (module: string, email: string) =>
    `/api/records/${seg(module)}/search?email=${seg(email)}`,
  record: recordBase,
  attachments: (module: string, recordId: string, page: number, perPage: number) =>
    `${recordBase(module, recordId)}/attachments?page=${page}&per_page=${perPage}`,
  download: (module: string, recordId: string, attachmentId: string) =>
    `${recordBase(module, recordId)}/attachments/${seg(attachmentId)}`,
  upload: (module: string, recordId: string) => `${recordBase(module, recordId)}/attachments`,
  deleteAttachment: (module: string, recordId: string, attachmentId: string) =>
    `${recordBase(module, recordId)}/attachments/${seg(attachmentId)}`,
  photo: (module: string, recordId: string) => `${recordBase(module, recordId)}/photo`,
  /** The bytes served inline for the preview panel, for the types that are safe to preview. */
  preview: (module: string, recordId: string, attachmentId: string) =>
    `${recordBase(module, recordId)}/attachments/${seg(attachmentId)}/preview`,
  /**
   * Short-lived addresses of these attachments' bytes on the preview origin (`ids`: at most
   * PREVIEW_LINKS_MAX, comma-separated).
   */
  previewLinks: (module: string, recordId: string, ids: readonly string[]) =>
    `${recordBase(module, recordId)}/preview-links?ids=${ids.map(seg).join(',')}`,
  /** POST `{ids}`: the chosen attachments as one ZIP, streamed as it is built. */
  zip: (module: string, recordId: string) => `${recordBase(module, recordId)}/attachments/zip`,
};

/** POST to `apiPaths.upload` as JSON to attach a link instead of a file. */
export const linkUploadSchema = z.object({
  attachmentUrl: z
    .string()
    .check(
      z.maxLength(3000, 'a link is at most 3000 characters'),
      z.regex(/^https?:\/\//i, 'a link starts with http:// or https://'),
    ),
  title: z.optional(z.string().check(z.maxLength(255))),
});
export type LinkUpload = z.infer<typeof linkUploadSchema>;

/**
 * The multipart field that states the file's size in bytes, sent before the `file` part: the
 * proxy sends Bigin a sized body (`Content-Length`) while the file is still arriving.
 */
export const UPLOAD_SIZE_FIELD = 'size';

/** The body of `apiPaths.zip`. */
export const zipRequestSchema = z.object({
  ids: z.array(biginIdSchema).check(z.minLength(1), z.maxLength(500)),
  /**
   * The names the list showed for those ids: NOT-INCLUDED.txt names by them a file that Bigin no
   * longer has, and so no longer lists.
   */
  names: z.optional(z.record(biginIdSchema, z.string().check(z.maxLength(255)))),
});
export type ZipRequest = z.infer<typeof zipRequestSchema>;

/** Uploads blocked in the browser and again in the proxy (Bigin refuses them too). */
export const BLOCKED_UPLOAD_EXTENSIONS = ['exe'];

/** The upload limit when the proxy does not name one (Bigin's documented 20 MB). */
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** The ZIP's entry that names the files which could not be included, with the reason. */
export const ZIP_NOT_INCLUDED_ENTRY = 'NOT-INCLUDED.txt';

/** Bigin's write answer (upload, delete, photo), defined once with Bigin's other shapes. */
export { writeResultSchema, type WriteResult } from './bigin-write.ts';

/** The most attachments one `apiPaths.previewLinks` call mints links for. */
export const PREVIEW_LINKS_MAX = 100;

/**
 * `GET apiPaths.previewLinks`: each attachment's preview address on the preview origin, opened
 * by an `<img>`, a player or a sandboxed `<iframe>` until `expiresAt` (ms since the epoch).
 * Without a preview origin (`separateOrigin: false`), `links` is empty: images, players and
 * thumbnails come from the app's own preview route, and a PDF is offered as a download only.
 */
export const previewLinksSchema = z.object({
  separateOrigin: z.boolean(),
  expiresAt: z.int(),
  links: z.record(z.string(), z.string()),
});
export type PreviewLinks = z.infer<typeof previewLinksSchema>;

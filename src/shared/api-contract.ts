import { z } from 'zod';
import { attachmentListSchema } from './bigin-attachment.ts';
import { biginErrorSchema } from './bigin-error.ts';

/**
 * The proxy's API, as the browser sees it. Bigin's own shapes pass through unchanged; the proxy
 * adds a request id to every error so that a user can quote it.
 */
export const apiErrorSchema = biginErrorSchema.extend({ requestId: z.string() });
export type ApiError = z.infer<typeof apiErrorSchema>;

/** The proxy's own error codes carry this prefix, so they never collide with Bigin's. */
export const PROXY_CODE_PREFIX = 'PROXY_';
export const PROXY_ERRORS = {
  PROXY_BAD_REQUEST: { status: 400, message: 'The request is not valid' },
  PROXY_NOT_FOUND: { status: 404, message: 'There is no such route' },
  PROXY_UPSTREAM_UNREACHABLE: { status: 502, message: 'Bigin could not be reached' },
  PROXY_UPSTREAM_INVALID: { status: 502, message: 'Bigin answered with something unexpected' },
  PROXY_SIGN_IN_FAILED: { status: 502, message: 'Zoho did not issue an access token' },
} as const;
export type ProxyErrorCode = keyof typeof PROXY_ERRORS;

/** A page of attachments; Bigin's "no content" (204) arrives as an empty page. */
export const attachmentPageSchema = attachmentListSchema;
export type AttachmentPage = z.infer<typeof attachmentPageSchema>;

export const apiPaths = {
  attachments: (module: string, recordId: string, page: number, perPage: number) =>
    `/api/records/${encodeURIComponent(module)}/${encodeURIComponent(recordId)}/attachments?page=${page}&per_page=${perPage}`,
};

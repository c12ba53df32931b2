import { z } from 'zod/mini';

/**
 * Bigin answers a failed request with one JSON object:
 * {"code":"INVALID_MODULE","details":{...},"message":"...","status":"error"}.
 */
export const biginErrorSchema = z.object({
  code: z.string(),
  details: z.record(z.string(), z.unknown()),
  message: z.string(),
  status: z.literal('error'),
});
export type BiginError = z.infer<typeof biginErrorSchema>;

/** The documented request-level errors, with the HTTP status and message Bigin gives them. */
export const BIGIN_ERRORS = {
  INVALID_MODULE: { status: 400, message: 'the module name given seems to be invalid' },
  INVALID_URL_PATTERN: {
    status: 404,
    message: 'Please check if the URL trying to access is a correct one',
  },
  OAUTH_SCOPE_MISMATCH: { status: 401, message: 'Unauthorized' },
  NO_PERMISSION: { status: 403, message: 'Permission denied to read attachment details' },
  INTERNAL_ERROR: { status: 500, message: 'Internal Server Error' },
  INVALID_REQUEST_METHOD: {
    status: 400,
    message: 'The http request method type is not a valid one',
  },
  AUTHORIZATION_FAILED: {
    status: 400,
    message: 'User does not have sufficient privilege to read attachments',
  },
  INVALID_DATA: { status: 400, message: 'the related id given seems to be invalid' },
  INVALID_TOKEN: { status: 401, message: 'invalid oauth token' },
  AUTHENTICATION_FAILURE: { status: 401, message: 'Authentication failed' },
  REQUIRED_PARAM_MISSING: { status: 400, message: 'One of the expected parameter is missing' },
  DOWNLOAD_NOT_ALLOWED: {
    status: 400,
    message: 'As it is a linked attachment, you can not download it',
  },
  FILE_SIZE_MORE_THAN_ALLOWED_SIZE: {
    status: 413,
    message: 'The file size is more than the allowed size',
  },
  TOO_MANY_REQUESTS: { status: 429, message: 'Too many requests' },
  // A record photo over 10 MB, and one over the resolution limit (record-photo.ts). [CRM's spec]
  FILE_SIZE_EXCEEDS: { status: 413, message: 'File exceeded its maximum limit' },
  FILE_RESOLUTION_EXCEEDS: { status: 415, message: 'File exceeded its maximum limit' },
  // A link attachment whose URL the record already carries.
  DUPLICATE_DATA: { status: 400, message: 'duplicate data' },
  // A search whose `word` is too short or whose `criteria` does not parse.
  INVALID_QUERY: { status: 400, message: 'invalid query formed' },
  // v2: more than 50 names in `fields`. [CRM's code and wording; Bigin's page names the limit only]
  LIMIT_EXCEEDED: { status: 400, message: 'the limit has been exceeded' },
  // v2: `page` past 2,000 records without `page_token`. [CRM's code and wording]
  DISCRETE_PAGINATION_LIMIT_EXCEEDED: {
    status: 400,
    message: 'cannot fetch more than 2000 records using page; use page_token instead',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type BiginErrorCode = keyof typeof BIGIN_ERRORS;

export function biginError(
  code: BiginErrorCode,
  details: Record<string, unknown> = {},
  message: string = BIGIN_ERRORS[code].message,
): BiginError {
  return { code, details, message, status: 'error' };
}

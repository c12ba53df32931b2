import { parseRetryAfter } from '../../shared/retry-after.ts';
import { messages, type ErrorCode, type ErrorWords } from '../i18n/messages.ts';
import { ApiClientError, CLIENT_ERROR_CODES } from '../lib/api-client.ts';

/** The action a banner offers, where one exists. */
export type BannerAction = 'choose-record' | 'retry' | 'sign-in' | 'reload' | 'copy-details';

/** What a banner says: the title, what happened in plain words, and what to do. */
export interface ErrorText extends ErrorWords {
  /** A fact Bigin gave that helps, such as the missing permission's name. */
  detail?: string;
  action?: BannerAction;
  /** Whether the request id is worth quoting to whoever runs the service. */
  quoteRequestId?: boolean;
}

interface ErrorBehaviour {
  action?: BannerAction;
  quoteRequestId?: boolean;
}

const chooseRecord: ErrorBehaviour = { action: 'choose-record' };
const signIn: ErrorBehaviour = { action: 'sign-in' };
const retry: ErrorBehaviour = { action: 'retry' };
const retryAndQuote: ErrorBehaviour = { action: 'retry', quoteRequestId: true };
const report: ErrorBehaviour = { action: 'copy-details', quoteRequestId: true };

type ErrorCatalogue = (typeof messages)['errors'];
/** The codes a banner has words of its own for. */
type WordedErrorCode = {
  [C in ErrorCode]: ErrorCatalogue[C] extends null ? never : C;
}[ErrorCode];

/**
 * A catalogue's entry for a code that arrived as a string (from an answer), if it has one: its
 * own keys only, never what every object inherits.
 */
export function byCode<T extends object>(table: T, code: string): T[keyof T] | undefined {
  return Object.hasOwn(table, code) ? table[code as keyof T] : undefined;
}

/** What each code's banner offers; the words live in `messages.errors`. */
const BEHAVIOURS: Record<WordedErrorCode, ErrorBehaviour> = {
  INVALID_MODULE: chooseRecord,
  INVALID_URL_PATTERN: chooseRecord,
  INVALID_DATA: chooseRecord,
  OAUTH_SCOPE_MISMATCH: signIn,
  NO_PERMISSION: {},
  AUTHORIZATION_FAILED: {},
  INTERNAL_ERROR: retryAndQuote,
  INVALID_REQUEST_METHOD: report,
  INVALID_TOKEN: signIn,
  AUTHENTICATION_FAILURE: signIn,
  REQUIRED_PARAM_MISSING: report,
  DOWNLOAD_NOT_ALLOWED: {},
  FILE_SIZE_MORE_THAN_ALLOWED_SIZE: {},
  FILE_SIZE_EXCEEDS: {},
  FILE_RESOLUTION_EXCEEDS: {},
  TOO_MANY_REQUESTS: retry,
  PROXY_RATE_LIMITED: retry,
  PROXY_TOKEN_THROTTLED: retry,
  PROXY_STATE_UNAVAILABLE: retry,
  PROXY_SIGNED_OUT: signIn,
  PROXY_SIGN_IN_FAILED: signIn,
  PROXY_RECORD_NOT_FOUND: chooseRecord,
  PROXY_SIGN_IN_STATE: signIn,
  PROXY_UNTRUSTED_ORIGIN: { action: 'sign-in', quoteRequestId: true },
  PROXY_BAD_REQUEST: chooseRecord,
  PROXY_NOT_FOUND: { action: 'choose-record', quoteRequestId: true },
  PROXY_CSRF: { action: 'reload' },
  PROXY_UPSTREAM_UNREACHABLE: retry,
  PROXY_UPSTREAM_TIMEOUT: retry,
  PROXY_UPSTREAM_INVALID: retryAndQuote,
  // Deleted in Bigin since the list was loaded: a fresh page lists what Bigin has now.
  PROXY_ATTACHMENT_GONE: { action: 'reload' },
  PROXY_UPLOAD_SIZE_MISMATCH: {},
  // A deploy: another instance answers the retry.
  PROXY_SHUTTING_DOWN: retry,
  // The connection stalled: nothing was kept, and a retry sends it again.
  PROXY_BODY_TOO_SLOW: retry,
  PROXY_REQUEST_TIMEOUT: retry,
  // Nothing reached Bigin: the same request a moment later finds a free place.
  PROXY_BUSY: retry,
  PROXY_UPSTREAM_PAUSED: retry,
  [CLIENT_ERROR_CODES.NETWORK]: retry,
  [CLIENT_ERROR_CODES.BAD_ANSWER]: retryAndQuote,
  // A module that failed to load stays failed until the page is loaded again.
  [CLIENT_ERROR_CODES.CODE_UNAVAILABLE]: { action: 'reload' },
};

/** A failure reduced to what a banner needs. */
export interface ErrorFacts {
  code: string;
  message: string;
  details: Record<string, unknown>;
  requestId: string;
  retryAfter?: string;
  receivedAt?: number;
  /** The answer's HTTP status, where one came: some codes mean two things by their status. */
  httpStatus?: number;
}

export function errorFactsOf(error: unknown): ErrorFacts {
  if (error instanceof ApiClientError) {
    return {
      code: error.code,
      message: error.message,
      details: error.body.details,
      requestId: error.body.requestId,
      retryAfter: error.retryAfter,
      receivedAt: error.receivedAt,
      httpStatus: error.httpStatus,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'UNKNOWN', message, details: {}, requestId: '' };
}

// Bigin says "The given module is not supported in API" for a module that exists but that its
// API does not serve (Documents, Projects); the other INVALID_MODULE is an unknown name.
// Bigin answers INVALID_DATA with 415 to a photo that is not an image it takes; with 400 it is an
// unknown record or attachment id.
const isPhotoTypeRefusal = (facts: ErrorFacts) =>
  facts.code === 'INVALID_DATA' && facts.httpStatus === 415;

const isUnsupportedModule = (facts: ErrorFacts) =>
  facts.code === 'INVALID_MODULE' && /not supported/i.test(facts.message);

/** Bigin names the permission it wanted in `details.permissions`, e.g. ["Crm_Implied_View_Leads"]. */
function permissionsOf(details: Record<string, unknown>): string[] {
  const value = details.permissions;
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return list.filter((p): p is string => typeof p === 'string' && p !== '');
}

/**
 * Seconds until a retry is worth it: the Retry-After header (seconds or an HTTP date), else a
 * number the proxy put in the details. Undefined when nobody said.
 */
export function secondsUntilRetry(facts: ErrorFacts, now = Date.now()): number | undefined {
  const receivedAt = facts.receivedAt ?? now;
  let at: number | undefined;
  const wait = parseRetryAfter(facts.retryAfter, receivedAt);
  if (wait !== undefined) at = receivedAt + wait;
  else {
    const fromDetails = facts.details.retry_after_seconds ?? facts.details.retryAfterSeconds;
    const seconds = Number(fromDetails);
    if (fromDetails !== undefined && Number.isFinite(seconds) && seconds >= 0)
      at = receivedAt + seconds * 1000;
  }
  return at === undefined ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The banner's words for one failure; any code without words is shown with its code and message. */
export function errorTextFor(facts: ErrorFacts, locale?: string, now = Date.now()): ErrorText {
  const photoType = isPhotoTypeRefusal(facts);
  const words: ErrorWords | undefined = isUnsupportedModule(facts)
    ? messages.moduleNotSupported
    : photoType
      ? messages.photoTypeRefused
      : (byCode(messages.errors, facts.code) ?? undefined);
  if (!words) {
    const unknown = messages.unknownError;
    return {
      title: unknown.title,
      what: unknown.what(facts.code, facts.message),
      todo: unknown.todo,
      ...retryAndQuote,
    };
  }

  // Choosing another record does not help a photo of the wrong type.
  const text: ErrorText = { ...words, ...(photoType ? {} : byCode(BEHAVIOURS, facts.code)) };
  const permissions = permissionsOf(facts.details);
  if (permissions.length > 0)
    text.detail = messages.errorBanner.missingPermission(permissions.join(', '));
  if (facts.code === 'REQUIRED_PARAM_MISSING' && typeof facts.details.param_name === 'string')
    text.detail = messages.errorBanner.missingParameter(facts.details.param_name);
  const seconds = secondsUntilRetry(facts, now);
  if (seconds !== undefined && seconds > 0)
    text.todo = messages.errorBanner.retryAfter(seconds, new Date(now + seconds * 1000), locale);
  return text;
}

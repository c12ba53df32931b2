import { z } from 'zod/mini';
import {
  apiErrorSchema,
  apiPaths,
  sessionSchema,
  UPLOAD_SIZE_FIELD,
  writeResultSchema,
  type ApiError,
  type WriteResult,
} from '../../shared/api-contract.ts';
import {
  EMBED_TOKEN_PARAM,
  embedPaths,
  frameTokenSchema,
  type FrameToken,
} from '../../shared/embed-contract.ts';

/**
 * The app's one HTTP client: every call to the proxy is made here, and only here is it known how
 * a call is authorised. In the app, by the session's cookie, with the session's CSRF token on
 * writes; inside an embed, by a signed link or by the frame token its sign-in window got, as
 * `Authorization: Bearer` (or, for an address the browser fetches by itself, in its query: see
 * `apiUrl`).
 */

/** The one error type of the app: what the proxy (or Bigin, through it) said went wrong. */
export class ApiClientError extends Error {
  /** When the answer arrived: a Retry-After in seconds counts from here. */
  readonly receivedAt = Date.now();

  constructor(
    readonly httpStatus: number,
    readonly body: ApiError,
    /** The `Retry-After` header as sent (seconds or an HTTP date), on a 429 or 503. */
    readonly retryAfter?: string,
  ) {
    super(body.message);
    this.name = 'ApiClientError';
  }

  get code(): string {
    return this.body.code;
  }
}

/** Codes the app itself gives to failures that never reached an answer. */
export const CLIENT_ERROR_CODES = {
  NETWORK: 'CLIENT_NETWORK_UNREACHABLE',
  BAD_ANSWER: 'CLIENT_BAD_ANSWER',
  /** A part of the app's own code did not arrive. */
  CODE_UNAVAILABLE: 'CLIENT_CODE_UNAVAILABLE',
} as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[keyof typeof CLIENT_ERROR_CODES];

export const clientFailure = (code: string, message: string, httpStatus = 0) =>
  new ApiClientError(httpStatus, { code, message, details: {}, status: 'error', requestId: '' });

/** An answer that never came: the network failed. */
const networkFailure = () =>
  clientFailure(CLIENT_ERROR_CODES.NETWORK, 'The server could not be reached');

const badAnswer = (httpStatus: number) =>
  clientFailure(
    CLIENT_ERROR_CODES.BAD_ANSWER,
    'The answer was not in the expected form',
    httpStatus,
  );

/** A failed answer as the app's error: the proxy's envelope, else what its status says. */
function failureOf(httpStatus: number, body: unknown, retryAfter: string | null): ApiClientError {
  const envelope = apiErrorSchema.safeParse(body);
  if (envelope.success)
    return new ApiClientError(httpStatus, envelope.data, retryAfter ?? undefined);
  return clientFailure(
    CLIENT_ERROR_CODES.BAD_ANSWER,
    `The server answered ${httpStatus}`,
    httpStatus,
  );
}

// ---- How a request is authorised -------------------------------------------------------------

let bearer: string | null = null;
const authorizationListeners = new Set<() => void>();

/**
 * The bearer every later request carries (a signed embed link, or a frame token), or null for the
 * session's cookie alone. Set by the embed page from an effect, for as long as it shows the
 * link's record or holds the token.
 */
export function setApiAuthorization(token: string | null): void {
  if (token === bearer) return;
  bearer = token;
  // A CSRF token belongs to a session: whatever was read under another authorisation is dropped.
  forgetCsrfToken();
  authorizationListeners.forEach((listener) => listener());
}

/** The bearer requests carry now (null: the session's cookie alone). */
export const apiAuthorization = (): string | null => bearer;

/** Hears each change of `apiAuthorization()` (for React's useSyncExternalStore). */
export function subscribeApiAuthorization(listener: () => void): () => void {
  authorizationListeners.add(listener);
  return () => authorizationListeners.delete(listener);
}

const isApiPath = (path: string) => path.startsWith('/api/');

/** What the proxy answers when the sign-in behind a bearer (a frame token's) is over. */
const SIGN_IN_ENDED_CODES = new Set(['PROXY_EMBED_SESSION_ENDED', 'PROXY_SIGNED_OUT']);

/** A write refused because the sign-in it was sent under has ended: nothing was done; retry later. */
export const isSignInEnded = (error: unknown): boolean =>
  error instanceof ApiClientError && SIGN_IN_ENDED_CODES.has(error.code);

const endedListeners = new Set<(code: string) => void>();

/**
 * Hears when a request sent with the bearer held now was refused because the sign-in behind it
 * ended (the frame token's hour passed unused, or its user signed out elsewhere): the embed page
 * then says so and offers to sign in again, keeping what is on screen.
 */
export function subscribeAuthorizationEnded(listener: (code: string) => void): () => void {
  endedListeners.add(listener);
  return () => endedListeners.delete(listener);
}

/** Tells the listeners, when `failure` says that `sentWith`, still the bearer held, has ended. */
function noticeEnded(failure: ApiClientError, sentWith: string | null): void {
  if (sentWith === null || sentWith !== bearer || !isSignInEnded(failure)) return;
  endedListeners.forEach((listener) => listener(failure.code));
}

/** The header a request to `path` carries for its authorisation, beside the session's cookie. */
const authorizationOf = (path: string): Record<string, string> =>
  bearer && isApiPath(path) ? { Authorization: `Bearer ${bearer}` } : {};

/**
 * The address of a proxy route that the browser fetches by itself (a download is a navigation; a
 * preview or thumbnail an `<img>`, `<iframe>` or player): none of these carry a header, so a
 * signed link rides in the query instead. The proxy reads it on GETs only, and keeps it out of
 * its log.
 */
export function apiUrl(path: string): string {
  if (!bearer || !isApiPath(path)) return path;
  const separator = path.includes('?') ? '&' : '?';
  return `${path}${separator}${EMBED_TOKEN_PARAM}=${encodeURIComponent(bearer)}`;
}

let csrfToken: Promise<string> | undefined;

/**
 * The session's CSRF token (`GET /api/session`), asked for once and kept: the proxy refuses a
 * write without it in `X-CSRF-Token`.
 */
function sessionCsrfToken(): Promise<string> {
  csrfToken ??= apiGet(apiPaths.session(), sessionSchema)
    .then((session) => session.csrfToken ?? '')
    .catch((error: unknown) => {
      csrfToken = undefined;
      throw error;
    });
  return csrfToken;
}

/** Forgets the CSRF token, so the next write asks again (after PROXY_CSRF, or between tests). */
export function forgetCsrfToken(): void {
  csrfToken = undefined;
}

/**
 * The headers that authorise a write. A signed link travels in a header no other site can set,
 * so the proxy asks no CSRF token with it; the session's cookie needs the token beside it.
 */
async function writeAuthorizationOf(path: string): Promise<Record<string, string>> {
  const link = authorizationOf(path);
  if (link.Authorization) return link;
  return { 'X-CSRF-Token': await sessionCsrfToken() };
}

// ---- Requests --------------------------------------------------------------------------------

export interface ApiRequestInit {
  method?: 'GET' | 'POST' | 'DELETE' | 'PUT';
  /** Sent as JSON. */
  json?: unknown;
  body?: BodyInit;
  /** The `Accept` header, when the route's answer is not whatever the browser asks by default. */
  accept?: string;
}

const isWrite = (method: string) => method !== 'GET';

/**
 * A request to a proxy route, authorised; its answer when it succeeded. A failed answer is thrown
 * as the app's error (a refused CSRF token is forgotten, so the next write asks again); no answer
 * at all as CLIENT_NETWORK_UNREACHABLE. A cancelled request throws the abort itself.
 */
export async function apiRequest(
  path: string,
  init: ApiRequestInit = {},
  signal?: AbortSignal,
): Promise<Response> {
  const method = init.method ?? 'GET';
  const sentWith = isApiPath(path) ? bearer : null;
  const headers: Record<string, string> = isWrite(method)
    ? await writeAuthorizationOf(path)
    : authorizationOf(path);
  if (init.accept) headers.Accept = init.accept;
  let body = init.body;
  if (init.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body ?? null,
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw networkFailure();
  }
  if (!response.ok) {
    const answer: unknown = await response.json().catch(() => undefined);
    const failure = failureOf(response.status, answer, response.headers.get('Retry-After'));
    if (failure.code === 'PROXY_CSRF') forgetCsrfToken();
    noticeEnded(failure, sentWith);
    throw failure;
  }
  return response;
}

/** GETs a proxy route and checks the answer against its schema: an answer that fails is an error. */
export async function apiGet<T>(
  path: string,
  schema: z.core.$ZodType<T>,
  signal?: AbortSignal,
): Promise<T> {
  const response = await apiRequest(path, { accept: 'application/json' }, signal);
  const parsed = z.safeParse(schema, await response.json().catch(() => undefined));
  if (!parsed.success) throw badAnswer(response.status);
  return parsed.data;
}

/**
 * A write to the proxy (POST, PUT, DELETE), answering Bigin's write result. An item of `data[]`
 * with `status: "error"` is a failure too, with Bigin's code.
 */
export async function apiWrite(
  path: string,
  init: { method: 'POST' | 'DELETE' | 'PUT'; body?: BodyInit; json?: unknown },
  signal?: AbortSignal,
): Promise<WriteResult | null> {
  const response = await apiRequest(path, { ...init, accept: 'application/json' }, signal);
  if (response.status === 204) return null;
  return writeResultOrThrow(response.status, await response.json().catch(() => undefined));
}

/**
 * The form an upload (a file, a photo) is posted in: the file's size first, then the file. The
 * proxy sends Bigin a sized body while the file still arrives, so it must know the size before
 * the file's first byte; it refuses bytes that do not add up to it.
 */
export function uploadForm(file: File): FormData {
  const form = new FormData();
  form.append(UPLOAD_SIZE_FIELD, String(file.size));
  form.append('file', file, file.name);
  return form;
}

/** Bigin's write result, or its first refused item as the app's error. */
function writeResultOrThrow(httpStatus: number, body: unknown): WriteResult {
  // Bigin's photo calls answer one item rather than a `data` list: read both alike.
  const listed =
    body && typeof body === 'object' && !('data' in body) && 'code' in body
      ? { data: [body] }
      : body;
  const parsed = writeResultSchema.safeParse(listed);
  if (!parsed.success) throw badAnswer(httpStatus);
  const refused = parsed.data.data.find((item) => item.status === 'error');
  if (refused)
    throw new ApiClientError(httpStatus, {
      code: refused.code,
      message: refused.message,
      details: refused.details,
      status: 'error',
      requestId: '',
    });
  return parsed.data;
}

// ---- Uploads, with progress ------------------------------------------------------------------

/** How an upload ended, when it did not succeed outright. */
export type UploadFailure =
  /** The user cancelled it. */
  | { kind: 'cancelled' }
  /** No answer, or an answer that says nothing definite (5xx): the file may have arrived. */
  | { kind: 'lost'; error: ApiClientError | null }
  /** A definite refusal (4xx): nothing was stored. */
  | { kind: 'refused'; error: ApiClientError };

export interface UploadHandle {
  /** Settles when the proxy answered: Bigin's write result (the new id), or an `UploadFailure`. */
  done: Promise<WriteResult>;
  cancel: () => void;
}

const UPLOAD_TIMEOUT_MS = 10 * 60_000;

/**
 * Sends one file as multipart `file`, its `size` stated first, authorised as every write is,
 * reporting bytes sent. XMLHttpRequest, because fetch reports no upload progress. Never retried
 * here: Bigin has no idempotency key. Throws (the app's error) only when the write could not be
 * authorised; everything after is in `done`.
 */
export async function apiUpload(
  path: string,
  file: File,
  onProgress: (sent: number, total: number) => void,
): Promise<UploadHandle> {
  const sentWith = isApiPath(path) ? bearer : null;
  const headers = { Accept: 'application/json', ...(await writeAuthorizationOf(path)) };
  const xhr = new XMLHttpRequest();
  let cancelled = false;
  const done = new Promise<WriteResult>((resolve, reject) => {
    const fail = (failure: UploadFailure) => reject(failure);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
    xhr.onload = () => {
      const body: unknown = safeJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(writeResultOrThrow(xhr.status, body));
        } catch (error) {
          fail({ kind: 'refused', error: error as ApiClientError });
        }
        return;
      }
      const envelope = apiErrorSchema.safeParse(body);
      const error = envelope.success ? new ApiClientError(xhr.status, envelope.data) : null;
      if (xhr.status >= 500 || !error) return fail({ kind: 'lost', error });
      if (error.code === 'PROXY_CSRF') forgetCsrfToken();
      noticeEnded(error, sentWith);
      fail({ kind: 'refused', error });
    };
    xhr.onerror = () => fail({ kind: 'lost', error: null });
    xhr.ontimeout = () => fail({ kind: 'lost', error: null });
    xhr.onabort = () => fail(cancelled ? { kind: 'cancelled' } : { kind: 'lost', error: null });
  });
  xhr.open('POST', path);
  xhr.timeout = UPLOAD_TIMEOUT_MS;
  xhr.withCredentials = false;
  for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
  xhr.send(uploadForm(file));
  return {
    done,
    cancel: () => {
      cancelled = true;
      xhr.abort();
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// ---- The frame's sign-in ---------------------------------------------------------------------

/**
 * Trades the code the sign-in window handed the frame, with the nonce the frame chose, for a
 * frame token. Sent with neither a bearer (the one held may be the token that ended) nor a CSRF
 * token: the code, bound to this origin and the nonce, is the proof.
 */
export async function exchangeSignInCode(code: string, nonce: string): Promise<FrameToken> {
  let response: Response;
  try {
    response = await fetch(embedPaths.frameToken(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ code, nonce }),
      credentials: 'same-origin',
    });
  } catch {
    throw networkFailure();
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw failureOf(response.status, body, response.headers.get('Retry-After'));
  const parsed = frameTokenSchema.safeParse(body);
  if (!parsed.success) throw badAnswer(response.status);
  return parsed.data;
}

import {
  apiErrorSchema,
  apiPaths,
  sessionSchema,
  UPLOAD_SIZE_FIELD,
  writeResultSchema,
  type WriteResult,
} from '../../shared/api-contract.ts';
import { apiGet, ApiClientError, CLIENT_ERROR_CODES, clientFailure } from './api-client.ts';

/**
 * The write side of the fetch wrapper (POST, DELETE with the session's CSRF token) and the
 * pieces that uploads and downloads share. Apart from api-client.ts so that a page that only
 * reads does not load it.
 */

let csrfToken: Promise<string> | undefined;

/**
 * The session's CSRF token (`GET /api/session`), asked for once and kept: the proxy refuses a
 * write without it in `X-CSRF-Token`.
 */
export function sessionCsrfToken(): Promise<string> {
  csrfToken ??= apiGet(apiPaths.session(), sessionSchema)
    .then((session) => session.csrfToken ?? '')
    .catch((error: unknown) => {
      csrfToken = undefined;
      throw error;
    });
  return csrfToken;
}

/** Forgets the token, so the next write asks again (after PROXY_CSRF, or between tests). */
export function forgetCsrfToken(): void {
  csrfToken = undefined;
}

/** Turns a failed answer into the app's error, as apiGet does. */
export async function failureOf(response: Response): Promise<ApiClientError> {
  const body: unknown = await response.json().catch(() => undefined);
  const envelope = apiErrorSchema.safeParse(body);
  if (envelope.success)
    return new ApiClientError(
      response.status,
      envelope.data,
      response.headers.get('Retry-After') ?? undefined,
    );
  return clientFailure(
    CLIENT_ERROR_CODES.BAD_ANSWER,
    `The server answered ${response.status}`,
    response.status,
  );
}

/** An answer that never came: the network failed, or nothing the app understands came back. */
export const networkFailure = () =>
  clientFailure(CLIENT_ERROR_CODES.NETWORK, 'The server could not be reached');

/**
 * A write to the proxy (POST, DELETE) with the CSRF token, answering Bigin's write result. An
 * item of `data[]` with `status: "error"` is a failure too, with Bigin's code.
 */
export async function apiWrite(
  path: string,
  init: { method: 'POST' | 'DELETE' | 'PUT'; body?: BodyInit; json?: unknown },
  signal?: AbortSignal,
): Promise<WriteResult | null> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'X-CSRF-Token': await sessionCsrfToken(),
  };
  let body = init.body;
  if (init.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method,
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
    const failure = await failureOf(response);
    if (failure.code === 'PROXY_CSRF') forgetCsrfToken();
    throw failure;
  }
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
export function writeResultOrThrow(httpStatus: number, body: unknown): WriteResult {
  // Bigin's photo calls answer one item rather than a `data` list: read both alike.
  const listed =
    body && typeof body === 'object' && !('data' in body) && 'code' in body
      ? { data: [body] }
      : body;
  const parsed = writeResultSchema.safeParse(listed);
  if (!parsed.success)
    throw clientFailure(
      CLIENT_ERROR_CODES.BAD_ANSWER,
      'The answer was not in the expected form',
      httpStatus,
    );
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

import type { z } from 'zod';
import { apiErrorSchema, type ApiError } from '../../shared/api-contract.ts';

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

export const clientFailure = (code: string, message: string, httpStatus = 0) =>
  new ApiClientError(httpStatus, { code, message, details: {}, status: 'error', requestId: '' });

/** GETs a proxy route and checks the answer against its schema: an answer that fails is an error. */
export async function apiGet<T>(
  path: string,
  schema: z.ZodType<T>,
  signal?: AbortSignal,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw clientFailure(CLIENT_ERROR_CODES.NETWORK, 'The server could not be reached');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const envelope = apiErrorSchema.safeParse(body);
    if (envelope.success) {
      const retryAfter = response.headers.get('Retry-After') ?? undefined;
      throw new ApiClientError(response.status, envelope.data, retryAfter);
    }
    throw clientFailure(
      CLIENT_ERROR_CODES.BAD_ANSWER,
      `The server answered ${response.status}`,
      response.status,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw clientFailure(
      CLIENT_ERROR_CODES.BAD_ANSWER,
      'The answer was not in the expected form',
      response.status,
    );
  return parsed.data;
}

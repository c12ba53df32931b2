import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROXY_ERRORS, type ApiError, type ProxyErrorCode } from '../shared/api-contract.ts';
import type { BiginError } from '../shared/bigin-error.ts';
import { noteFailureCode } from './request-log.ts';

/** An error answered to the browser: Bigin's own, passed through, or one of the proxy's. */
export class ApiFailure extends Error {
  /** Headers that travel with the answer, such as Bigin's `Retry-After` on a 429. */
  readonly headers: Record<string, string> = {};

  constructor(
    readonly httpStatus: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  static proxy(code: ProxyErrorCode, details: Record<string, unknown> = {}, message?: string) {
    const known = PROXY_ERRORS[code];
    return new ApiFailure(known.status, code, message ?? known.message, details);
  }

  /** Bigin's envelope travels verbatim: code, message and details intact. */
  static fromBigin(httpStatus: number, envelope: BiginError) {
    return new ApiFailure(httpStatus, envelope.code, envelope.message, envelope.details);
  }

  withHeader(name: string, value: string | null | undefined): this {
    if (value) this.headers[name] = value;
    return this;
  }
}

export function sendApiFailure(request: FastifyRequest, reply: FastifyReply, failure: ApiFailure) {
  noteFailureCode(request, failure.code);
  const body: ApiError = {
    code: failure.code,
    details: failure.details,
    message: failure.message,
    status: 'error',
    requestId: String(request.id),
  };
  return reply.code(failure.httpStatus).headers(failure.headers).send(body);
}

/** An address no route has: 404 PROXY_NOT_FOUND. */
export const sendNotFound = (request: FastifyRequest, reply: FastifyReply) =>
  sendApiFailure(request, reply, ApiFailure.proxy('PROXY_NOT_FOUND'));

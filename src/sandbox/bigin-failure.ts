import type { FastifyReply } from 'fastify';
import { BIGIN_ERRORS, biginError, type BiginErrorCode } from '../shared/bigin-error.ts';

/** Thrown inside a handler or hook; answered in Bigin's error envelope with its status. */
export class BiginFailure extends Error {
  constructor(
    readonly code: BiginErrorCode,
    readonly details: Record<string, unknown> = {},
    readonly biginMessage: string = BIGIN_ERRORS[code].message,
    readonly extra: { status?: number; headers?: Record<string, string> } = {},
  ) {
    super(biginMessage);
  }
}

export function sendBiginError(reply: FastifyReply, failure: BiginFailure): FastifyReply {
  for (const [name, value] of Object.entries(failure.extra.headers ?? {}))
    reply.header(name, value);
  return reply
    .code(failure.extra.status ?? BIGIN_ERRORS[failure.code].status)
    .send(biginError(failure.code, failure.details, failure.biginMessage));
}

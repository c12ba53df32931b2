import type { FastifyReply } from 'fastify';
import {
  BIGIN_ERRORS,
  biginError,
  type BiginError,
  type BiginErrorCode,
} from '../shared/bigin-error.ts';
import type { Fault } from './faults.ts';

/** Thrown inside a handler or hook; answered in Bigin's error envelope with its status. */
export class BiginFailure extends Error {
  readonly status: number;

  constructor(
    readonly code: BiginErrorCode,
    readonly details: Record<string, unknown> = {},
    readonly biginMessage: string = BIGIN_ERRORS[code].message,
    readonly extra: { status?: number; headers?: Record<string, string> } = {},
  ) {
    super(biginMessage);
    this.status = extra.status ?? BIGIN_ERRORS[code].status;
  }

  get body(): BiginError {
    return biginError(this.code, this.details, this.biginMessage);
  }
}

/**
 * A code Bigin does not document (yet), as an `error` fault may ask for: answered in the same
 * envelope, so that the app's handling of a code it has never seen can be tried for real.
 */
class UndocumentedFailure extends BiginFailure {
  constructor(
    private readonly undocumentedCode: string,
    status: number,
    message: string,
  ) {
    super('INTERNAL_ERROR', {}, message, { status });
  }

  override get body(): BiginError {
    return { ...super.body, code: this.undocumentedCode };
  }
}

/** The answer of an `error` fault: Bigin's own status and message for a documented code. */
export function faultFailure({ code, status, message }: Fault): BiginFailure {
  if (code in BIGIN_ERRORS) {
    const known = code as BiginErrorCode;
    return new BiginFailure(known, {}, message ?? BIGIN_ERRORS[known].message, { status });
  }
  return new UndocumentedFailure(code, status ?? 400, message ?? 'an error occurred');
}

export function sendBiginError(reply: FastifyReply, failure: BiginFailure): FastifyReply {
  for (const [name, value] of Object.entries(failure.extra.headers ?? {}))
    reply.header(name, value);
  return reply.code(failure.status).send(failure.body);
}

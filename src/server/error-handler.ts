import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiFailure, sendApiFailure } from './api-failure.ts';
import { sendPreviewProblemPage, sendSignInProblemPage } from './problem-page.ts';
import type { SessionAccess } from './session/session-access.ts';
import { RefreshTokenRevoked, TokenError } from './zoho/accounts-client.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A failure shown as a page instead of the error's JSON: `sign-in` to a browser that navigated
     * (the sign-in's own routes), `preview` inside the frame a preview loads into.
     */
    failurePage?: 'sign-in' | 'preview';
  }
}

export interface ErrorHandlerOptions {
  /** The hosts an embedded widget may sit in: they may frame a preview's problem page too. */
  embedHosts: () => readonly string[];
}

/**
 * The one error handler: whatever failed (a route's schema, a hook, Bigin, Zoho's accounts
 * server) answers as the proxy's error envelope, or as the page the route names for it.
 */
export const errorHandler = fp<ErrorHandlerOptions>(
  async (app, { embedHosts }) => {
    app.setErrorHandler((error, request, reply) => {
      const failure = toFailure(error, request, reply, app.sessions);
      if (failure.httpStatus >= 500)
        request.log.warn({ code: failure.code, details: failure.details });
      const page = request.routeOptions.config.failurePage;
      if (page === 'sign-in' && wantsHtml(request)) {
        return sendSignInProblemPage(request, reply, failure);
      }
      // A preview's bytes load into a frame: its failure is a page the frame can show.
      if (page === 'preview' && request.headers['sec-fetch-dest'] === 'iframe') {
        return sendPreviewProblemPage(request, reply, failure, embedHosts());
      }
      return sendApiFailure(request, reply, failure);
    });
  },
  { name: 'error-handler', fastify: '5.x', dependencies: ['sessions'] },
);

function toFailure(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  sessions: SessionAccess,
): ApiFailure {
  if (error instanceof ApiFailure) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    // A route's schema refused its params, query or body: each problem, with where it was.
    const issues = error.validation.map((issue) => ({
      param: issue.instancePath.slice(1).split('/').join('.'),
      problem: issue.message,
    }));
    return ApiFailure.proxy('PROXY_BAD_REQUEST', { issues });
  }
  if (error instanceof TokenError) {
    return ApiFailure.proxy('PROXY_SIGN_IN_FAILED', { zoho_error: error.zohoError });
  }
  if (error instanceof RefreshTokenRevoked) {
    if (sessions.serviceMode) {
      request.log.error('Zoho no longer accepts ZOHO_REFRESH_TOKEN: set a new one');
      return ApiFailure.proxy('PROXY_SIGN_IN_FAILED', { zoho_error: 'invalid_code' });
    }
    // Revoked elsewhere (or the user removed the app in Zoho): this session is over.
    void sessions.end(request, reply).catch(() => undefined);
    return ApiFailure.proxy('PROXY_SIGNED_OUT');
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return ApiFailure.proxy('PROXY_BAD_REQUEST', {
      problem: (error as Error).message.slice(0, 200),
    });
  }
  request.log.error(error);
  return ApiFailure.proxy('PROXY_UPSTREAM_UNREACHABLE');
}

const wantsHtml = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html');

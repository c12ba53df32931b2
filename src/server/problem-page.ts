import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiFailure } from './api-failure.ts';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * A sign-in that fails lands the browser on a plain page (no script: the CSP forbids inline
 * script anyway) that says what happened and offers to start again.
 */
export function sendSignInProblemPage(
  request: FastifyRequest,
  reply: FastifyReply,
  failure: ApiFailure,
) {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign-in did not complete</title></head>
<body>
<main>
<h1>Sign-in did not complete</h1>
<p>${escapeHtml(failure.message)}.</p>
<p><a href="/auth/sign-in?returnTo=%2F">Sign in again</a></p>
<p><small>Code ${escapeHtml(failure.code)}, request ${escapeHtml(String(request.id))}</small></p>
</main>
</body>
</html>
`;
  return reply
    .code(failure.httpStatus)
    .headers(failure.headers)
    .header('Cache-Control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}

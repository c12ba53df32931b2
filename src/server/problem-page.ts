import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiFailure } from './api-failure.ts';
import { noteFailureCode } from './request-log.ts';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A plain page (no script: the CSP forbids inline script anyway) that says what happened. */
function sendProblemPage(
  request: FastifyRequest,
  reply: FastifyReply,
  failure: ApiFailure,
  page: { title: string; next: string },
) {
  noteFailureCode(request, failure.code);
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(page.title)}</title></head>
<body>
<main>
<h1>${escapeHtml(page.title)}</h1>
<p>${escapeHtml(failure.message)}.</p>
<p>${page.next}</p>
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

/** A sign-in that fails lands the browser on a page that offers to start again. */
export const sendSignInProblemPage = (
  request: FastifyRequest,
  reply: FastifyReply,
  failure: ApiFailure,
) =>
  sendProblemPage(request, reply, failure, {
    title: 'Sign-in did not complete',
    next: '<a href="/auth/sign-in?returnTo=%2F">Sign in again</a>',
  });

/** A link to the API followed from another site, without an embed link: the app is the way. */
export const sendCrossSiteProblemPage = (
  request: FastifyRequest,
  reply: FastifyReply,
  failure: ApiFailure,
) =>
  sendProblemPage(request, reply, failure, {
    title: 'This link works only inside the app',
    next: '<a href="/">Open the app</a> and find the file on its record’s page.',
  });

/**
 * A preview shown in a frame (a PDF in the preview panel) that fails says so inside the frame,
 * where the user is looking, instead of showing the error's JSON.
 */
export function sendPreviewProblemPage(
  request: FastifyRequest,
  reply: FastifyReply,
  failure: ApiFailure,
  /** Who may frame it: the app, and the hosts its embedded widget may sit in. */
  embedHosts: readonly string[],
) {
  // As a preview's own bytes: sandboxed, framed by the app (and the widget's hosts) only.
  reply.header(
    'Content-Security-Policy',
    `sandbox; frame-ancestors ${["'self'", ...embedHosts].join(' ')}`,
  );
  if (embedHosts.length === 0) reply.header('X-Frame-Options', 'SAMEORIGIN');
  const wait = failure.headers['Retry-After'];
  return sendProblemPage(request, reply, failure, {
    title: 'The preview could not be shown',
    next: wait
      ? `Wait ${escapeHtml(wait)} seconds, then close the preview and open it again.`
      : 'Close the preview and reload the page to see the record’s attachments as they are now.',
  });
}

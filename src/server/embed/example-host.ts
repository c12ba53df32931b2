import type { FastifyInstance } from 'fastify';
import type { EmbedAction } from '../../shared/embed-contract.ts';
import { embedPaths } from '../../shared/embed-contract.ts';
import { signEmbedToken } from './embed-token.ts';

export interface ExampleHostOptions {
  /** The app's address, known once it listens. */
  appUrl: () => string;
  /** The example host's own origin, which the link names as the one page that may frame it. */
  hostOrigin: () => string;
  secret: string;
  module: string;
  recordId: string;
  actions?: EmbedAction[];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A page of "another site" (the sandbox's origin, not the app's) that frames one record with a
 * signed link it mints on each visit, as a host's own server would: sandbox mode only.
 */
export function registerExampleHost(host: FastifyInstance, options: ExampleHostOptions): void {
  host.get('/embed-example', async (_request, reply) => {
    const token = signEmbedToken(
      {
        module: options.module,
        recordId: options.recordId,
        actions: options.actions ?? ['view', 'download'],
        exp: Math.floor(Date.now() / 1000) + 600,
        origin: options.hostOrigin(),
      },
      options.secret,
    );
    const src = `${options.appUrl()}${embedPaths.widget(options.module, options.recordId, token)}`;
    return reply
      .header('Cache-Control', 'no-store')
      .header('Content-Security-Policy', `script-src 'self'; frame-src ${options.appUrl()}`)
      .type('text/html').send(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Example host: an intranet page with a record's attachments</title>
    <!-- No icon to fetch: the browser would otherwise ask for /favicon.ico, which is not here. -->
    <link rel="icon" href="data:," />
    <script src="/embed-example.js" defer></script>
  </head>
  <body style="font-family: system-ui, sans-serif; max-width: 960px; margin: 2rem auto">
    <h1>Example host</h1>
    <p>This page is another site. It frames the attachments of ${escapeHtml(options.module)}
      ${escapeHtml(options.recordId)} with a signed link its server made for this visit
      (10 minutes, view and download).</p>
    <iframe id="attachments" title="Attachments" src="${escapeHtml(src)}"
      data-app-origin="${escapeHtml(new URL(options.appUrl()).origin)}"
      style="width: 100%; height: 200px; border: 1px solid #ccc"></iframe>
    <h2>Messages from the widget</h2>
    <ol id="messages" aria-live="polite"></ol>
  </body>
</html>`);
  });
  host.get('/embed-example.js', async (_request, reply) =>
    reply.type('text/javascript').send(HOST_SCRIPT),
  );
}

/** What a host page runs: size the frame to the widget, note what it says. */
const HOST_SCRIPT = `
const frame = document.getElementById('attachments');
const appOrigin = frame.dataset.appOrigin;
window.addEventListener('message', (event) => {
  // Only the widget's own origin, and only from the frame this page made.
  if (event.origin !== appOrigin || event.source !== frame.contentWindow) return;
  const message = event.data;
  if (!message || message.source !== 'bigin-attachments') return;
  if (message.type === 'resize') frame.style.height = Math.ceil(message.height) + 'px';
  const item = document.createElement('li');
  item.textContent = JSON.stringify(message);
  document.getElementById('messages').append(item);
});
`;

import { request } from 'node:http';
import { Readable } from 'node:stream';
import type { TestBrowser } from './browser.ts';

/** The session's CSRF token, as the app reads it from `/api/session`. */
export async function csrfTokenOf(browser: TestBrowser): Promise<string> {
  return ((await (await browser.fetch('/api/session')).json()) as { csrfToken: string }).csrfToken;
}

/** Headers of a write sent by the app itself. */
export const appWrite = (browser: TestBrowser, token: string) => ({
  Origin: browser.origin,
  'Sec-Fetch-Site': 'same-origin',
  'X-CSRF-Token': token,
});

/** Uploads `bytes` as the browser's FormData does, multipart field `file`. */
export function uploadFile(
  browser: TestBrowser,
  token: string,
  path: string,
  file: { name: string; bytes: Uint8Array; type?: string },
): Promise<Response> {
  const form = new FormData();
  form.set(
    'file',
    new Blob([file.bytes as Uint8Array<ArrayBuffer>], {
      type: file.type ?? 'application/octet-stream',
    }),
    file.name,
  );
  return browser.fetch(path, { method: 'POST', body: form, headers: appWrite(browser, token) });
}

/**
 * A multipart body of `size` bytes made as it is sent, never held whole: for memory checks and
 * the benchmark.
 */
export function generatedMultipart(name: string, size: number, chunk = 256 * 1024) {
  const boundary = `----generated${Date.now()}`;
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
  const block = new Uint8Array(chunk).map((_, i) => (i * 31) & 0xff);
  let sent = -1;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent < 0) {
        sent = 0;
        controller.enqueue(head);
      } else if (sent < size) {
        const n = Math.min(chunk, size - sent);
        controller.enqueue(n === chunk ? block.slice() : block.slice(0, n));
        sent += n;
      } else {
        controller.enqueue(tail);
        controller.close();
      }
    },
  });
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Sends a generated multipart upload of `size` bytes with node:http, which writes only as fast
 * as the receiver reads (fetch with a stream body reads its source ahead, holding it).
 */
export function postGenerated(
  url: string,
  headers: Record<string, string>,
  name: string,
  size: number,
): Promise<{ status: number; body: string }> {
  const { body, contentType } = generatedMultipart(name, size);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': contentType },
    });
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.once('error', reject);
    Readable.fromWeb(body as never).pipe(req);
  });
}

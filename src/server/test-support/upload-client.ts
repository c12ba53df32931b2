import { request } from 'node:http';
import { Readable } from 'node:stream';
import { UPLOAD_SIZE_FIELD } from '../../shared/api-contract.ts';
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

/** Uploads `bytes` as the app's form does: the `size` field, then the multipart `file`. */
export function uploadFile(
  browser: TestBrowser,
  token: string,
  path: string,
  file: { name: string; bytes: Uint8Array; type?: string },
): Promise<Response> {
  const form = new FormData();
  form.set(UPLOAD_SIZE_FIELD, String(file.bytes.length));
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
 * A multipart body of a `size`-byte file made as it is sent, never held whole: for memory checks
 * and the benchmark. It states `statedSize` (default: the true size) in the `size` field first,
 * as the app does; `length` is the whole body's.
 */
export function generatedMultipart(
  name: string,
  size: number,
  { chunk = 256 * 1024, statedSize = size }: { chunk?: number; statedSize?: number } = {},
) {
  const boundary = `----generated${Date.now()}`;
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="${UPLOAD_SIZE_FIELD}"\r\n\r\n${statedSize}\r\n` +
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
  return {
    body,
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: head.length + size + tail.length,
  };
}

/**
 * Sends a generated multipart upload of `size` bytes with node:http, sized as a browser sends a
 * form, writing only as fast as the receiver reads (fetch with a stream body reads its source
 * ahead, holding it).
 */
export function postGenerated(
  url: string,
  headers: Record<string, string>,
  name: string,
  size: number,
  options: { statedSize?: number } = {},
): Promise<{ status: number; body: string }> {
  const { body, contentType, length } = generatedMultipart(name, size, options);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': contentType, 'content-length': String(length) },
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

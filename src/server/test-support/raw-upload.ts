import { connect, type Socket } from 'node:net';
import { UPLOAD_SIZE_FIELD } from '../../shared/api-contract.ts';
import { TestBrowser } from './browser.ts';

/** The header lines of a write the app sends: its session's cookie, origin and CSRF token. */
export async function writeHeaderLines(appUrl: string): Promise<string[]> {
  const browser = new TestBrowser(appUrl);
  const { csrfToken } = (await (await browser.fetch('/api/session')).json()) as {
    csrfToken: string;
  };
  return [
    `Cookie: ${browser.cookieHeader}`,
    `Origin: ${browser.origin}`,
    'Sec-Fetch-Site: same-origin',
    `X-CSRF-Token: ${csrfToken}`,
  ];
}

export interface RawConnection {
  socket: Socket;
  /** Everything the proxy has answered so far. */
  answer: () => string;
  closed: Promise<void>;
}

/** A raw connection to the app at `appUrl`, for requests written byte by byte. */
export function rawConnection(appUrl: string): RawConnection {
  const { port } = new URL(appUrl);
  const socket = connect(Number(port), '127.0.0.1');
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  return { socket, answer: () => answer, closed };
}

/**
 * An upload of a `size`-byte file as the app's form sends it (the `size` field, then the file):
 * the request up to the file's first byte, and the body's end after its last.
 */
export function rawUpload(path: string, headerLines: string[], size: number, name: string) {
  const head =
    `--x\r\nContent-Disposition: form-data; name="${UPLOAD_SIZE_FIELD}"\r\n\r\n${size}\r\n` +
    `--x\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n';
  const tail = '\r\n--x--\r\n';
  const request = [
    `POST ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    ...headerLines,
    'Content-Type: multipart/form-data; boundary=x',
    `Content-Length: ${head.length + size + tail.length}`,
    '',
    head,
  ].join('\r\n');
  return { request, tail };
}

/** Writes `bytes` to `socket` no faster than it takes them, until it closes. */
export async function writeAll(socket: Socket, bytes: Buffer, piece = 256 * 1024): Promise<void> {
  for (let at = 0; at < bytes.length && !socket.destroyed; at += piece) {
    if (!socket.write(bytes.subarray(at, at + piece))) {
      await new Promise<void>((resolve) => {
        const go = () => {
          socket.off('drain', go).off('close', go);
          resolve();
        };
        socket.on('drain', go).on('close', go);
      });
    }
  }
}

/** Writes `bytes` a piece every `everyMs`, as a slow but steady link does, until it closes. */
export async function writeSteadily(
  socket: Socket,
  bytes: Buffer,
  { piece, everyMs }: { piece: number; everyMs: number },
): Promise<void> {
  for (let at = 0; at < bytes.length && !socket.destroyed; at += piece) {
    socket.write(bytes.subarray(at, at + piece));
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

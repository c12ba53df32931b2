import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline, Readable } from 'node:stream';

export interface StreamedRequestInit {
  method: string;
  headers: Record<string, string>;
  body: AsyncIterable<Uint8Array>;
  signal?: AbortSignal | undefined;
}

export type SendStreamed = (url: URL, init: StreamedRequestInit) => Promise<Response>;

/**
 * Sends a request whose body is streamed, writing only as fast as the other side reads; sized
 * when `headers` state its `Content-Length` (chunked otherwise). Node's fetch reads a streamed
 * request body ahead of the socket, so a large upload would pile up in memory; node:http's pipe
 * waits for the socket to drain. The answer comes back as a fetch Response, as from fetch.
 */
export const sendStreamed: SendStreamed = (url, init) =>
  new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: init.method,
      headers: init.headers,
      signal: init.signal,
      agent: false,
    });
    req.once('response', (res) => resolve(toResponse(res)));
    req.once('error', (error) => reject(init.signal?.aborted ? init.signal.reason : error));
    pipeline(Readable.from(init.body, { objectMode: false }), req, (error) => {
      if (error) req.destroy(error);
    });
  });

function toResponse(res: IncomingMessage): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const status = res.statusCode ?? 502;
  const noBody = status === 204 || status === 304;
  if (noBody) res.resume();
  const body = noBody ? null : (Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>);
  return new Response(body, { status, headers });
}

import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import type { Agent as AgentType, Dispatcher } from 'undici';

// undici's own modules, not its index: loading the index makes its Agent the dispatcher of
// Node's global fetch (the uploads' and Zoho Accounts' calls), which sends bodies differently.
const require = createRequire(import.meta.url);
const Agent = require('undici/lib/dispatcher/agent.js') as typeof AgentType;
const request = require('undici/lib/api/api-request.js') as (
  this: Dispatcher,
  options: Dispatcher.RequestOptions,
) => Promise<Dispatcher.ResponseData>;

/**
 * The keep-alive connections to Bigin for calls whose answer is read whole (a listing, a
 * record): one pool per origin, no pipelining, as many connections as calls in flight.
 */
const agent = new Agent({ keepAliveTimeout: 10_000, pipelining: 1 });

const DECODERS: Record<string, ((coded: Buffer) => Promise<Buffer>) | undefined> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

/**
 * What Bigin is asked to encode its answer in: nothing over loopback (the sandbox, or a local
 * stand-in), where decoding a gzipped page of 200 would cost some 150 µs of CPU per call and
 * save no time; gzip over a network, where a page of 200 is some 137 kB plain and a seventh of
 * that gzipped.
 */
export function acceptedEncoding(url: URL): 'identity' | 'gzip' {
  const host = url.hostname;
  const loopback = host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
  return loopback ? 'identity' : 'gzip';
}

/** The bytes of answers that came through fetchBuffered, for readers that want them as they are. */
const bytesOf = new WeakMap<Response, Buffer>();

/** The whole body of an answer from fetchBuffered; undefined for any other Response. */
export const bufferedBytes = (response: Response): Buffer | undefined => bytesOf.get(response);

/**
 * A call whose answer is read whole, sent with undici's `request` rather than `fetch`: the same
 * keep-alive pooling, for about a third of fetch's CPU on a page of 200 attachments (no WHATWG
 * streams). The answer, body read, is a Response whose bytes bufferedBytes() gives; redirects
 * are not followed. Fails as fetch fails: a network error (its `code`), or the signal's reason.
 */
export async function fetchBuffered(
  url: URL,
  init: {
    method: 'GET' | 'POST' | 'DELETE';
    headers: Record<string, string>;
    signal?: AbortSignal;
  },
): Promise<Response> {
  const answer = await request.call(agent, {
    origin: url.origin,
    path: `${url.pathname}${url.search}`,
    method: init.method,
    headers: { 'accept-encoding': acceptedEncoding(url), ...init.headers },
    signal: init.signal ?? null,
  });
  const coded = Buffer.from(await answer.body.arrayBuffer());
  const coding = answer.headers['content-encoding'];
  // A server that encodes all the same is read as fetch would read it.
  const decode = typeof coding === 'string' ? DECODERS[coding.trim().toLowerCase()] : undefined;
  const bytes = decode ? await decode(coded) : coded;
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (decode && (name === 'content-encoding' || name === 'content-length')) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const response = new Response(null, { status: answer.statusCode, headers });
  bytesOf.set(response, bytes);
  return response;
}

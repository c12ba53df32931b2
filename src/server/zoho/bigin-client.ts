import { z } from 'zod/mini';
import { biginErrorSchema } from '../../shared/bigin-error.ts';
import { ApiFailure } from '../api-failure.ts';
import type { AccessToken } from './accounts-client.ts';
import { bufferedBytes } from './buffered-request.ts';
import type { Upstream } from './upstream.ts';

/** Where a user's access token comes from: a TokenManager, or anything that behaves like one. */
export interface TokenSource {
  get(): Promise<AccessToken>;
  refreshAfterRejection(rejected: string): Promise<AccessToken>;
  /** Who the calls made with these tokens are for, when a request gave them (forCaller). */
  readonly call?: CallerContext | undefined;
}

/** The request behind a call: whose fair share it counts against, and when it is given up. */
export interface CallerContext {
  /** A session's or embed link's key (a hash), never a secret. */
  caller: string;
  /** Aborted when the browser goes away: the call to Bigin is aborted and its slot freed. */
  signal?: AbortSignal | undefined;
}

/** `tokens`, for the calls of one request (routes get these from `tokensFor`). */
export function forCaller(tokens: TokenSource, call: CallerContext): TokenSource {
  return {
    get: () => tokens.get(),
    refreshAfterRejection: (rejected) => tokens.refreshAfterRejection(rejected),
    call,
  };
}

/** Bigin's API line: v2 is current (`/bigin/v2`), v1 is where the product started. */
export type BiginApiVersion = 'v1' | 'v2';

export interface BiginClientOptions {
  upstream: Upstream;
  /** The API line every call goes to (`BIGIN_API_VERSION`); v2 unless told. */
  apiVersion?: BiginApiVersion;
  /** Overrides the `api_domain` Zoho returns with the token. */
  apiBase?: string | undefined;
  /**
   * The concurrency budget Bigin counts calls against is the organisation's. Zoho's token
   * answer does not name the organisation, and one deployment serves one organisation, so all
   * calls share one budget.
   */
  orgKey?: string;
}

/** A path segment that can enter an upstream URL: letters, digits and underscores, nothing else. */
const SAFE_SEGMENT = /^[A-Za-z0-9_]{1,64}$/;
/** A query value: no control characters, no backslash, no slash, no `..`. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNSAFE_VALUE = /[\u0000-\u001f\u007f\\/]|\.\./;

/**
 * Builds `/<segments>?<query>`, a path under the API line (`/bigin/v2`), which the client puts
 * in front. Routes validate their parameters first; this is the last line: whatever reaches
 * here and is not plainly safe is refused, never encoded and sent.
 */
export function biginPath(
  segments: readonly string[],
  query: Record<string, string | number> = {},
): string {
  for (const s of segments) {
    if (!SAFE_SEGMENT.test(s)) throw ApiFailure.proxy('PROXY_BAD_REQUEST', { segment: 'invalid' });
  }
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const text = String(value);
    if (!SAFE_SEGMENT.test(key) || UNSAFE_VALUE.test(text)) {
      throw ApiFailure.proxy('PROXY_BAD_REQUEST', { param: key });
    }
    search.set(key, text);
  }
  const qs = search.toString();
  return `/${segments.join('/')}${qs ? `?${qs}` : ''}`;
}

/** A call whose answer is read as it arrives (a download), or whose body is streamed (an upload). */
export interface BiginExchange {
  method: 'GET' | 'POST' | 'DELETE';
  /** From biginPath(), possibly with a query built from validated values. */
  path: string;
  headers?: Record<string, string>;
  body?: BodyInit | AsyncIterable<Uint8Array>;
  signal?: AbortSignal;
  /** No overall deadline: the caller's `signal` carries an idle timer instead. */
  noDeadline?: boolean;
}

/**
 * A JSON answer's UTF-8 bytes, and their value parsed when first asked for: a route that can
 * send the bytes as they are (a listing seen before, plain-attachment-list.ts) never parses
 * them. Bytes that are not JSON fail when the value is asked for: PROXY_UPSTREAM_INVALID.
 */
export class JsonBody {
  private parsed = false;
  private value: unknown;

  constructor(
    readonly bytes: Buffer,
    private readonly status: number,
  ) {}

  /** The value; undefined when the body is empty. */
  get body(): unknown {
    if (!this.parsed) {
      this.value = parseJson(this.bytes, this.status);
      this.parsed = true;
    }
    return this.value;
  }
}

interface JsonAnswer {
  status: number;
  retryAfter: string | null;
  json: JsonBody;
}

/** Calls Bigin's REST API as one Zoho user. It does not know whether Zoho or the sandbox answers. */
export class BiginClient {
  readonly apiVersion: BiginApiVersion;

  constructor(private readonly options: BiginClientOptions) {
    this.apiVersion = options.apiVersion ?? 'v2';
  }

  /** The upstream URL of a path from biginPath, on the token's API domain. */
  private urlOf(path: string, token: AccessToken): URL {
    return new URL(`/bigin/${this.apiVersion}${path}`, this.options.apiBase ?? token.apiDomain);
  }

  /**
   * GETs `path` (from biginPath) and parses the answer with `schema`. Bigin's 204 "no content"
   * comes back as `undefined`; Bigin's error envelope becomes an ApiFailure carrying it verbatim.
   */
  async getJson<T>(
    tokens: TokenSource,
    path: string,
    schema: z.core.$ZodType<T>,
  ): Promise<T | undefined> {
    const answer = await this.getAnswer(tokens, path);
    return answer && parseAnswer(answer.body, schema);
  }

  /**
   * GETs `path` (from biginPath): a 2xx answer's JSON, parsed once, beside the bytes it came in,
   * so that a route can send those bytes on unchanged; `undefined` for Bigin's 204. A failure
   * is thrown as getJson throws it.
   */
  async getAnswer(tokens: TokenSource, path: string): Promise<JsonBody | undefined> {
    let token = await tokens.get();
    let answer = await this.send(path, token, tokens.call);
    if (answer.status === 401 && isInvalidToken(answer.json.body)) {
      // The token died early (revoked, expired, or Zoho evicted it): fetch another, try once more.
      token = await tokens.refreshAfterRejection(token.token);
      answer = await this.send(path, token, tokens.call);
    }
    if (answer.status === 204) return undefined;
    if (answer.status < 200 || answer.status > 299) {
      throw toFailure(answer.status, answer.json.body).withHeader('Retry-After', answer.retryAfter);
    }
    return answer.json;
  }

  /**
   * Sends `call` and hands a 2xx answer to `use` while the call still holds its place among the
   * calls in flight, so that a body being streamed counts against Bigin's concurrency limit.
   * Bigin's error envelope becomes an ApiFailure carrying it verbatim. A call without a streamed
   * body gets one fresh token after INVALID_TOKEN; a streamed body cannot be sent twice.
   */
  async exchange<T>(
    tokens: TokenSource,
    call: BiginExchange,
    use: (response: Response) => Promise<T>,
  ): Promise<T> {
    const attempt = async (token: AccessToken) => {
      const url = this.urlOf(call.path, token);
      return this.options.upstream.send(
        {
          method: call.method,
          url,
          headers: { Authorization: `Zoho-oauthtoken ${token.token}`, ...call.headers },
          body: call.body,
          signal: anySignal(call.signal, tokens.call?.signal),
          noDeadline: call.noDeadline,
          orgKey: this.options.orgKey ?? 'org',
          caller: tokens.call?.caller,
        },
        async (response): Promise<{ ok: true; value: T } | { ok: false; answer: JsonAnswer }> => {
          if (response.status >= 200 && response.status <= 299) {
            return { ok: true, value: await use(response) };
          }
          const retryAfter = response.headers.get('retry-after');
          const json = await readJsonBytes(response);
          return { ok: false, answer: { status: response.status, retryAfter, json } };
        },
      );
    };
    let token = await tokens.get();
    let outcome = await attempt(token);
    // A streamed body is gone once sent; anything else can go again with a fresh token.
    const resendable = !(typeof call.body === 'object' && Symbol.asyncIterator in call.body);
    if (
      !outcome.ok &&
      resendable &&
      outcome.answer.status === 401 &&
      isInvalidToken(outcome.answer.json.body)
    ) {
      token = await tokens.refreshAfterRejection(token.token);
      outcome = await attempt(token);
    } else if (
      !outcome.ok &&
      outcome.answer.status === 401 &&
      isInvalidToken(outcome.answer.json.body)
    ) {
      // Not sent again, but the next call should not meet the same dead token.
      await tokens.refreshAfterRejection(token.token).catch(() => undefined);
    }
    if (outcome.ok) return outcome.value;
    const { status, json, retryAfter } = outcome.answer;
    throw toFailure(status, json.body).withHeader('Retry-After', retryAfter);
  }

  private send(path: string, token: AccessToken, call?: CallerContext): Promise<JsonAnswer> {
    const url = this.urlOf(path, token);
    return this.options.upstream.send(
      {
        method: 'GET',
        url,
        headers: { Authorization: `Zoho-oauthtoken ${token.token}`, Accept: 'application/json' },
        orgKey: this.options.orgKey ?? 'org',
        caller: call?.caller,
        signal: call?.signal,
        buffered: true,
      },
      async (response) => ({
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        json: await readJsonBytes(response),
      }),
    );
  }
}

/** An answer's JSON body; undefined when it is empty. Unreadable or not JSON: an ApiFailure. */
export async function readJson(response: Response): Promise<unknown> {
  return (await readJsonBytes(response)).body;
}

/** An answer's bytes, to be parsed when their value is asked for. */
async function readJsonBytes(response: Response): Promise<JsonBody> {
  let bytes: Buffer;
  try {
    bytes = bufferedBytes(response) ?? Buffer.from(await response.arrayBuffer());
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw ApiFailure.proxy(timedOut ? 'PROXY_UPSTREAM_TIMEOUT' : 'PROXY_UPSTREAM_UNREACHABLE');
  }
  // As Response.text() reads it: a byte-order mark is no part of the text.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  return new JsonBody(bytes, response.status);
}

function parseJson(bytes: Buffer, status: number): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw ApiFailure.proxy('PROXY_UPSTREAM_INVALID', { status });
  }
}

/** A 2xx answer's value read with `schema`; what does not fit is PROXY_UPSTREAM_INVALID. */
export function parseAnswer<T>(body: unknown, schema: z.core.$ZodType<T>): T {
  const parsed = z.safeParse(schema, body);
  if (!parsed.success) {
    throw ApiFailure.proxy('PROXY_UPSTREAM_INVALID', {
      issues: parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path, problem: i.message })),
    });
  }
  return parsed.data;
}

const anySignal = (a?: AbortSignal, b?: AbortSignal) =>
  a && b ? AbortSignal.any([a, b]) : (a ?? b);

const isInvalidToken = (body: unknown) =>
  biginErrorSchema.safeParse(body).data?.code === 'INVALID_TOKEN';

function toFailure(status: number, body: unknown): ApiFailure {
  const envelope = biginErrorSchema.safeParse(body);
  if (envelope.success) return ApiFailure.fromBigin(status, envelope.data);
  // Bigin's 429 is keyed on the status: its body varies (TOO_MANY_REQUESTS, RATE_LIMIT_EXCEEDED).
  if (status === 429) return new ApiFailure(429, 'TOO_MANY_REQUESTS', 'Too many requests');
  return ApiFailure.proxy('PROXY_UPSTREAM_INVALID', { status });
}

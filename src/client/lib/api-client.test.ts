import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { apiError, json } from '../test/stub-api.ts';
import {
  apiGet,
  ApiClientError,
  apiUpload,
  apiUrl,
  apiWrite,
  exchangeSignInCode,
  forgetCsrfToken,
  setApiAuthorization,
  subscribeAuthorizationEnded,
} from './api-client.ts';

const schema = z.object({ ok: z.boolean() });

afterEach(() => {
  vi.unstubAllGlobals();
  setApiAuthorization(null);
  forgetCsrfToken();
});

async function failureOf(answer: () => Promise<Response>): Promise<ApiClientError> {
  vi.stubGlobal('fetch', vi.fn(answer));
  const error: unknown = await apiGet('/api/x', schema).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiClientError);
  return error as ApiClientError;
}

describe('apiGet', () => {
  it('returns an answer that fits its schema', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json({ ok: true })),
    );
    await expect(apiGet('/api/x', schema)).resolves.toEqual({ ok: true });
  });

  it("keeps the error envelope's code, request id and the Retry-After header", async () => {
    const error = await failureOf(async () =>
      apiError(429, 'TOO_MANY_REQUESTS', 'Too many requests', {}, { 'Retry-After': '30' }),
    );
    expect(error.httpStatus).toBe(429);
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.body.requestId).toBe('req-42');
    expect(error.retryAfter).toBe('30');
  });

  it('names a failure to connect as the network being unreachable', async () => {
    const error = await failureOf(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(error.code).toBe('CLIENT_NETWORK_UNREACHABLE');
    expect(error.httpStatus).toBe(0);
  });

  it('refuses an answer that does not fit its schema', async () => {
    const error = await failureOf(async () => json({ ok: 'yes' }));
    expect(error.code).toBe('CLIENT_BAD_ANSWER');
  });
});

describe('how a request is authorised', () => {
  const DELETE_PATH = '/api/records/Contacts/42/attachments/7';
  const deleted = { data: [{ code: 'SUCCESS', details: {}, message: 'ok', status: 'success' }] };

  /** Answers the session (with its CSRF token) and any write; keeps each request's headers. */
  function stubProxy() {
    const sent: { path: string; headers: Headers }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const path = String(input);
        sent.push({ path, headers: new Headers(init?.headers) });
        if (path === '/api/session')
          return json({ signedIn: true, mode: 'sandbox', csrfToken: 'csrf-1' });
        return json(init?.method === 'DELETE' ? deleted : { ok: true });
      }),
    );
    return sent;
  }

  it("by the session alone: the cookie, and the session's CSRF token on writes", async () => {
    const sent = stubProxy();
    await apiGet('/api/x', schema);
    await apiWrite(DELETE_PATH, { method: 'DELETE' });
    expect(sent.map((r) => r.path)).toEqual(['/api/x', '/api/session', DELETE_PATH]);
    expect(sent.every((r) => !r.headers.has('Authorization'))).toBe(true);
    expect(sent[2]!.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(apiUrl('/api/records/Contacts/42/attachments/7')).toBe(
      '/api/records/Contacts/42/attachments/7',
    );
  });

  it('by a signed link once one is set: a bearer on reads and writes, no CSRF token', async () => {
    setApiAuthorization('link.sig');
    const sent = stubProxy();
    await apiGet('/api/x', schema);
    await apiWrite(DELETE_PATH, { method: 'DELETE' });
    expect(sent.map((r) => r.path)).toEqual(['/api/x', DELETE_PATH]);
    expect(sent.map((r) => r.headers.get('Authorization'))).toEqual([
      'Bearer link.sig',
      'Bearer link.sig',
    ]);
    expect(sent[1]!.headers.has('X-CSRF-Token')).toBe(false);
  });

  it('puts the link in the query of an address the browser fetches by itself', () => {
    setApiAuthorization('a+b/c');
    expect(apiUrl('/api/records/Contacts/42/attachments/7/preview')).toBe(
      '/api/records/Contacts/42/attachments/7/preview?embed_token=a%2Bb%2Fc',
    );
    expect(apiUrl('/api/x?page=2')).toBe('/api/x?page=2&embed_token=a%2Bb%2Fc');
    // Never on an address that is not the proxy's.
    expect(apiUrl('https://example.com/file')).toBe('https://example.com/file');
    setApiAuthorization(null);
    expect(apiUrl('/api/x')).toBe('/api/x');
  });

  it('sends an upload, with its progress, under the link too', async () => {
    const headers: Record<string, string> = {};
    class FakeXhr {
      upload = { onprogress: null };
      setRequestHeader(name: string, value: string) {
        headers[name] = value;
      }
      open() {}
      send() {}
    }
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const sent = stubProxy();
    setApiAuthorization('link.sig');
    await apiUpload('/api/records/Contacts/42/attachments', new File(['x'], 'a.txt'), () => {});
    expect(headers).toMatchObject({ Authorization: 'Bearer link.sig' });
    expect(headers).not.toHaveProperty('X-CSRF-Token');
    expect(sent).toEqual([]);
  });
});

describe('a frame token', () => {
  it('is traded for the sign-in window’s code with neither a bearer nor a CSRF token', async () => {
    setApiAuthorization('bf1.ended');
    const sent: { path: string; init: RequestInit | undefined }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        sent.push({ path: String(input), init });
        return json({ token: 'bf1.new', idleSeconds: 3600, user: { name: 'Patricia Boyle' } });
      }),
    );
    await expect(exchangeSignInCode('the-code', 'the-nonce')).resolves.toEqual({
      token: 'bf1.new',
      idleSeconds: 3600,
      user: { name: 'Patricia Boyle' },
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toBe('/auth/frame-token');
    expect(JSON.parse(String(sent[0]!.init?.body))).toEqual({
      code: 'the-code',
      nonce: 'the-nonce',
    });
    const headers = new Headers(sent[0]!.init?.headers);
    expect(headers.has('Authorization')).toBe(false);
    expect(headers.has('X-CSRF-Token')).toBe(false);
  });

  it('says when its sign-in ended, for requests sent with the token still held only', async () => {
    const heard: string[] = [];
    const unsubscribe = subscribeAuthorizationEnded((code) => heard.push(code));
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => apiError(401, 'PROXY_EMBED_SESSION_ENDED')),
    );
    // The cookie alone: nothing to say about a frame token.
    await apiGet('/api/x', schema).catch(() => undefined);
    expect(heard).toEqual([]);
    setApiAuthorization('bf1.one');
    await apiGet('/api/x', schema).catch(() => undefined);
    expect(heard).toEqual(['PROXY_EMBED_SESSION_ENDED']);
    // Another refusal is no news about the sign-in.
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => apiError(403, 'NO_PERMISSION')),
    );
    await apiGet('/api/x', schema).catch(() => undefined);
    expect(heard).toHaveLength(1);
    unsubscribe();
  });
});

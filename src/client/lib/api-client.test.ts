import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { apiError, json } from '../test/stub-api.ts';
import { apiGet, ApiClientError } from './api-client.ts';

const schema = z.object({ ok: z.boolean() });

afterEach(() => vi.unstubAllGlobals());

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

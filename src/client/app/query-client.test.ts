import { describe, expect, it } from 'vitest';
import { ApiClientError } from '../lib/api-client.ts';
import { shouldRetry } from './query-client.ts';

const failure = (httpStatus: number, code: string) =>
  new ApiClientError(httpStatus, {
    code,
    details: {},
    message: code,
    status: 'error',
    requestId: 'r1',
  });

describe('shouldRetry', () => {
  it('tries a read twice more after a dropped connection or a failing Bigin', () => {
    expect(shouldRetry(0, failure(0, 'CLIENT_NETWORK_UNREACHABLE'))).toBe(true);
    expect(shouldRetry(1, failure(500, 'INTERNAL_ERROR'))).toBe(true);
    expect(shouldRetry(2, failure(500, 'INTERNAL_ERROR'))).toBe(false);
  });

  it('never repeats a refusal that would not change', () => {
    expect(shouldRetry(0, failure(403, 'NO_PERMISSION'))).toBe(false);
  });

  it('shows at once an answer the proxy already waited for (its deadline, a busy Bigin, a pause)', () => {
    expect(shouldRetry(0, failure(504, 'PROXY_UPSTREAM_TIMEOUT'))).toBe(false);
    expect(shouldRetry(0, failure(503, 'PROXY_BUSY'))).toBe(false);
    expect(shouldRetry(0, failure(503, 'PROXY_UPSTREAM_PAUSED'))).toBe(false);
  });
});

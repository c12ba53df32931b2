import { describe, expect, it } from 'vitest';
import { ApiClientError } from '../../lib/api-client.ts';
import { zipFailureText } from './zip-failure.ts';

const failure = (
  status: number,
  code: string,
  details: Record<string, unknown>,
  retryAfter?: string,
) =>
  new ApiClientError(
    status,
    { code, details, message: 'refused', status: 'error', requestId: 'r' },
    retryAfter,
  );

describe('zipFailureText', () => {
  it('says how many files a ZIP holds at most, and that nothing was downloaded', () => {
    const tooMany = failure(400, 'PROXY_ZIP_TOO_MANY_FILES', { max_entries: 100, files: 140 });
    expect(zipFailureText(tooMany)).toBe(
      'The ZIP could not be made: a ZIP holds at most 100 files, and 140 were chosen. Nothing was downloaded; choose 100 or fewer, and make another ZIP of the rest.',
    );
  });

  it('says a ZIP its files make too many requests for waits, and for how long', () => {
    const limited = failure(429, 'PROXY_RATE_LIMITED', { zip_files: 40 }, '35');
    expect(zipFailureText(limited)).toBe(
      'The ZIP could not be made: each file in a ZIP counts as a request, and 40 are more than you may still make this minute. Nothing was downloaded; try again in 35 seconds, or choose fewer files.',
    );
  });

  it("says any other failure as an action's reason", () => {
    const limited = failure(429, 'PROXY_RATE_LIMITED', { retry_after_seconds: 5 });
    expect(zipFailureText(limited)).toBe(
      'The ZIP could not be made: too many requests; wait a little and try again.',
    );
  });
});

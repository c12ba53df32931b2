import { QueryClient } from '@tanstack/react-query';
import { ApiClientError } from '../lib/api-client.ts';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiClientError | Error;
  }
}

/**
 * The proxy's answers that already waited or retried for the browser: its deadline for Bigin's
 * call (retries included) ran out, no place among Bigin's calls came in time, or calls to Bigin
 * are paused for a few seconds. Asked again at once, each would only make the user wait as long
 * again before the same banner, which has its own Try again.
 */
const ALREADY_WAITED = new Set(['PROXY_UPSTREAM_TIMEOUT', 'PROXY_BUSY', 'PROXY_UPSTREAM_PAUSED']);

/** Bigin's answer to a bad request will not change on retry; a 5xx or a dropped connection may. */
export const shouldRetry = (failureCount: number, error: unknown) =>
  failureCount < 2 &&
  (!(error instanceof ApiClientError) ||
    error.httpStatus === 0 ||
    (error.httpStatus >= 500 && !ALREADY_WAITED.has(error.body.code)));

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        retry: shouldRetry,
        refetchOnWindowFocus: false,
        // Offline, a query would wait silently for the connection; the app says so instead
        // (CLIENT_NETWORK_UNREACHABLE), with a retry.
        networkMode: 'always',
      },
    },
  });
}

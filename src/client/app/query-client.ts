import { QueryClient } from '@tanstack/react-query';
import { ApiClientError } from '../lib/api-client.ts';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiClientError | Error;
  }
}

/** Bigin's answer to a bad request will not change on retry; a 5xx or a dropped connection may. */
const shouldRetry = (failureCount: number, error: unknown) =>
  failureCount < 2 &&
  (!(error instanceof ApiClientError) || error.httpStatus === 0 || error.httpStatus >= 500);

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

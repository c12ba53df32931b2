import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { AppProviders } from '../app/app-providers.tsx';

/** A fresh QueryClient per test: no retries, nothing shared between tests. */
export const testQueryClient = () =>
  new QueryClient({ defaultOptions: { queries: { retry: false } } });

/**
 * Renders `element` at `path` (default `/`) inside the app's providers, beside whatever other
 * routes a test wants to arrive at. Returns the router, to read where the app went.
 */
export function renderAt(
  element: ReactNode,
  {
    path = '/',
    url = path,
    routes = [],
  }: { path?: string; url?: string; routes?: RouteObject[] } = {},
) {
  const router = createMemoryRouter([{ path, element }, ...routes], { initialEntries: [url] });
  const queryClient = testQueryClient();
  const result = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...result, router, queryClient };
}

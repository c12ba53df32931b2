import { lazy } from 'react';
import { useRoutes, type RouteObject } from 'react-router';
import { Layout } from './layout.tsx';
import { loadHomePage, loadRecordPage } from './lazy-pages.ts';

const HomePage = lazy(() => loadHomePage().then((m) => ({ default: m.HomePage })));
const RecordAttachmentsPage = lazy(() =>
  loadRecordPage().then((m) => ({ default: m.RecordAttachmentsPage })),
);

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: ':module/:recordId', element: <RecordAttachmentsPage /> },
    ],
  },
];

/**
 * Declarative routing (`BrowserRouter` + `useRoutes`) rather than a data router: the app loads
 * its data with React Query, not route loaders, and leaving the data router out keeps about
 * 16 kB (gzip) off every page.
 */
export function AppRoutes() {
  return useRoutes(routes);
}

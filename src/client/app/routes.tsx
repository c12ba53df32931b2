import { lazy, Suspense, useState, type ComponentType } from 'react';
import { Outlet, useRoutes, type RouteObject } from 'react-router';
import { Layout, PageLoading } from './layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { PageErrorBoundary } from './page-error-boundary.tsx';
import { RecordRoute } from './record-route.tsx';
import type { LazyCode } from '../lib/lazy-code.ts';
import { loadEmbedPage, loadHomePage, loadRecordPage } from './lazy-pages.ts';

/**
 * A page drawn by code loaded on demand: while the code loads, the nearest Suspense says the page
 * is loading. Code already here (warmed up on a deep link) draws at once, with no loading message
 * in between: a lazy component suspends on its first render even then.
 */
function lazyPage<M, P extends object = object>(
  code: LazyCode<M>,
  pick: (module: M) => ComponentType<P>,
) {
  const Lazy = lazy(() => code().then((module) => ({ default: pick(module) })));
  return function Page(props: P) {
    // Chosen once: a switch later would remount the page and lose what it holds.
    const [Component] = useState<ComponentType<P>>(() => {
      const module = code.loaded();
      return module ? pick(module) : (Lazy as unknown as ComponentType<P>);
    });
    return <Component {...props} />;
  };
}

const HomePage = lazyPage(loadHomePage, (m) => m.HomePage);
const RecordAttachmentsPage = lazyPage(loadRecordPage, (m) => m.RecordAttachmentsPage);
const EmbedPage = lazyPage(loadEmbedPage, (m) => m.EmbedPage);

export const routes: RouteObject[] = [
  // The widget for other pages' frames: no app bar, nothing but the record's attachments.
  {
    path: 'embed',
    element: (
      <PageErrorBoundary>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </PageErrorBoundary>
    ),
    children: [{ path: ':module/:recordId', element: <EmbedPage /> }],
  },
  {
    element: <Layout />,
    children: [
      // Someone reaching for a picker is about to open a record: its page's code is fetched then.
      { index: true, element: <HomePage onReachForRecord={() => void loadRecordPage()} /> },
      {
        path: ':module/:recordId',
        element: (
          <RecordRoute>
            <RecordAttachmentsPage />
          </RecordRoute>
        ),
      },
      // Any other address: the app bar, and a page that says so with a way home.
      { path: '*', element: <NotFoundPage /> },
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

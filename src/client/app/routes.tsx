import type { RouteObject } from 'react-router';
import { Layout, PageLoading } from './layout.tsx';

/**
 * Each page's code loads when its route is first matched, so the home page's pickers do not
 * ship the data grid, and the deep-link page does not ship the pickers.
 */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    HydrateFallback: PageLoading,
    children: [
      {
        index: true,
        lazy: async () => {
          const { HomePage } = await import('../features/record-picker/home-page.tsx');
          return { Component: HomePage };
        },
      },
      {
        path: ':module/:recordId',
        lazy: async () => {
          const { RecordAttachmentsPage } =
            await import('../features/attachments/record-attachments-page.tsx');
          return { Component: RecordAttachmentsPage };
        },
      },
    ],
  },
];

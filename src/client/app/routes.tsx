import type { RouteObject } from 'react-router';
import { RecordAttachmentsPage } from '../features/attachments/record-attachments-page.tsx';
import { HomePage } from '../features/record-picker/home-page.tsx';
import { Layout } from './layout.tsx';

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: ':module/:recordId', element: <RecordAttachmentsPage /> },
    ],
  },
];

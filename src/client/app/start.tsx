import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import type { FirstPaint } from '../features/attachments/first-paint.ts';
import { AppProviders } from './app-providers.tsx';
import { createQueryClient } from './query-client.ts';
import { loadRecordPage } from './lazy-pages.ts';
import { AppRoutes } from './routes.tsx';
import { takeOverFirstPage } from './take-over-first-page.ts';

/** Renders the app into the page, over the first frame painted before its code arrived. */
export async function start(firstPaint: FirstPaint | null): Promise<void> {
  const queryClient = createQueryClient();
  if (firstPaint) {
    takeOverFirstPage(queryClient, firstPaint);
    // Over a first frame, the app renders once the record page's code is here too: the frame's
    // rows then give way to the grid's in one step, not to a loading message in between.
    await loadRecordPage().catch(() => undefined);
  }

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppProviders queryClient={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AppProviders>
    </StrictMode>,
  );
}

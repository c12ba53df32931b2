import { CLIENT_ERROR_CODES, clientFailure } from '../lib/api-client.ts';

/** A page's code: loaded when first asked for, and at hand once it has arrived. */
export interface PageCode<M> {
  (): Promise<M>;
  loaded(): M | undefined;
}

/**
 * Wraps a page's `import()`. Code that does not arrive (the connection dropped, or a newer
 * version of the app replaced its files) fails as CLIENT_CODE_UNAVAILABLE, which the page's
 * error boundary shows as a banner with a reload.
 */
export function pageCode<M>(importPage: () => Promise<M>): PageCode<M> {
  let module: M | undefined;
  const load = () =>
    importPage().then(
      (m) => (module = m),
      (error: unknown) => {
        throw clientFailure(
          CLIENT_ERROR_CODES.CODE_UNAVAILABLE,
          error instanceof Error ? error.message : String(error),
        );
      },
    );
  return Object.assign(load, { loaded: () => module });
}

/**
 * Each page's code, loaded when first needed: the home page's pickers do not ship the data
 * grid, and the deep-link page does not ship the pickers. Calling a loader early only warms
 * the browser's cache.
 */
export const loadHomePage = pageCode(() => import('../features/record-picker/home-page.tsx'));
export const loadRecordPage = pageCode(
  () => import('../features/record-page/record-attachments-page.tsx'),
);
export const loadEmbedPage = pageCode(() => import('../features/embed/embed-page.tsx'));

/** A page's code: loaded when first asked for, and at hand once it has arrived. */
export interface PageCode<M> {
  (): Promise<M>;
  loaded(): M | undefined;
}

function pageCode<M>(importPage: () => Promise<M>): PageCode<M> {
  let module: M | undefined;
  return Object.assign(() => importPage().then((m) => (module = m)), { loaded: () => module });
}

/**
 * Each page's code, loaded when first needed: the home page's pickers do not ship the data
 * grid, and the deep-link page does not ship the pickers. Calling a loader early only warms
 * the browser's cache.
 */
export const loadHomePage = pageCode(() => import('../features/record-picker/home-page.tsx'));
export const loadRecordPage = pageCode(
  () => import('../features/attachments/record-attachments-page.tsx'),
);
export const loadEmbedPage = pageCode(() => import('../features/embed/embed-page.tsx'));
export const loadEmbedSignedInPage = pageCode(() => import('../features/embed/embed-sign-in.tsx'));

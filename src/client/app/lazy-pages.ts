import { lazyCode } from '../lib/lazy-code.ts';

/**
 * Each page's code, loaded when first needed: the home page's pickers do not ship the data
 * grid, and the deep-link page does not ship the pickers. Calling a loader early only warms
 * the browser's cache.
 */
export const loadHomePage = lazyCode(() => import('../features/record-picker/home-page.tsx'));
export const loadRecordPage = lazyCode(
  () => import('../features/record-page/record-attachments-page.tsx'),
);
export const loadEmbedPage = lazyCode(() => import('../features/embed/embed-page.tsx'));

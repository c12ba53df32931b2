/**
 * Each page's code, loaded when first needed: the home page's pickers do not ship the data
 * grid, and the deep-link page does not ship the pickers. Calling a loader early only warms
 * the browser's cache.
 */
export const loadHomePage = () => import('../features/record-picker/home-page.tsx');
export const loadRecordPage = () => import('../features/attachments/record-attachments-page.tsx');
export const loadEmbedPage = () => import('../features/embed/embed-page.tsx');
export const loadEmbedSignedInPage = () => import('../features/embed/embed-sign-in.tsx');

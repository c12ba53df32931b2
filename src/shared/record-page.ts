const RECORD_PAGE = /^\/([A-Za-z][A-Za-z0-9_]{0,49})\/(\d{1,19})\/?$/;

/**
 * The record a deep link (`/:module/:recordId`) opens, or null for any other page: read by the
 * proxy (to hint the first page of attachments to the browser) and by the app (to ask for it
 * before React has rendered anything).
 */
export function recordPageOf(pathname: string): { module: string; recordId: string } | null {
  const match = RECORD_PAGE.exec(pathname);
  return match ? { module: match[1]!, recordId: match[2]! } : null;
}

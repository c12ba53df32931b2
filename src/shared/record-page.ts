import { biginIdSchema } from './bigin-attachment.ts';
import { moduleNameSchema } from './modules.ts';

/**
 * The record a deep link (`/:module/:recordId`) opens, or null for any other page: read by the
 * proxy (to hint the first page of attachments to the browser) and by the app (to ask for it
 * before React has rendered anything). The module and id follow the same rules as the API's.
 */
export function recordPageOf(pathname: string): { module: string; recordId: string } | null {
  const [empty, module, recordId, ...rest] = pathname.replace(/\/$/, '').split('/');
  if (empty !== '' || rest.length > 0) return null;
  const valid =
    moduleNameSchema.safeParse(module).success && biginIdSchema.safeParse(recordId).success;
  return valid ? { module: module!, recordId: recordId! } : null;
}

import { biginIdSchema } from '../../../shared/bigin-attachment.ts';
import type { ModuleInfo } from '../../../shared/modules.ts';
import { moduleNameSchema } from '../../../shared/modules.ts';
import { findModule } from '../../lib/module-names.ts';

/** Path words that follow a record id in an address but name no module. */
const NOT_MODULES = new Set(['attachments', 'photo', 'embed', 'bigin', 'home', 'crm', 'tab']);

/**
 * The module and record a pasted address opens, or null when it names none. Accepted, in any
 * data centre and with or without a query or a trailing part after the id:
 * - Bigin's web app: `https://bigin.zoho.com/bigin/org123/Home#/contacts/4150868000002728001`
 *   (the org part may be its custom access name; the module in the fragment, lower case, as
 *   Bigin's screens name it: contacts, accounts or companies, deals or pipelines, products...),
 * - Bigin's API: `https://www.zohoapis.com/bigin/v2/Contacts/4150868000002728001`,
 * - this app's own address (`.../Contacts/4150868000002728001`, or its embed widget's).
 * Bigin's own addresses were taken from its help pages and what its web app shows; the shapes
 * are not documented as stable, so any `/<module>/<id>` pair in the path or the fragment is read.
 * The module is the org's (by API name, label or Bigin's word for it) when the list is known.
 */
export function recordOfAddress(
  text: string,
  modules: readonly ModuleInfo[],
): { module: string; recordId: string } | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const fragment = url.hash.replace(/^#!?/, '').split('?')[0] ?? '';
  const segments = [...url.pathname.split('/'), ...fragment.split('/')]
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  for (let i = 0; i + 1 < segments.length; i++) {
    const word = segments[i]!;
    const id = segments[i + 1]!;
    if (!biginIdSchema.safeParse(id).success || NOT_MODULES.has(word.toLowerCase())) continue;
    if (!moduleNameSchema.safeParse(word).success) continue;
    const known = findModule(modules, word);
    if (known) return { module: known.api_name, recordId: id };
    // Without the org's list, the word is taken as an API name as it stands (the record's page
    // then sends a module in another case to the right one).
    if (modules.length === 0) return { module: word, recordId: id };
  }
  return null;
}

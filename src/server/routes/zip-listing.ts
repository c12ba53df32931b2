import { attachmentListSchema } from '../../shared/bigin-attachment.ts';
import { biginPath, type BiginClient, type TokenSource } from '../zoho/bigin-client.ts';

/** Pages of 200 a ZIP lists at most to find its files: a record's first 2,000 attachments. */
export const ZIP_LISTING_PAGES = 10;

export interface ChosenListing {
  /** The chosen ids the record lists, with the names the list shows (links show their URL). */
  listed: Map<string, string>;
  /**
   * Whether a chosen id missing from `listed` is surely not the record's: the list ended, or
   * every chosen id was found. False past ZIP_LISTING_PAGES pages: the rest were not seen.
   */
  complete: boolean;
}

/**
 * Finds the chosen ids in the record's attachment list, a page of 200 at a time, stopping once
 * all are found: a ZIP asks Bigin only for files the record has (each download costs an API
 * credit; a list of 200 costs one). Bigin's failure to list is the ZIP's: nothing was sent yet.
 */
export async function listChosen(
  bigin: BiginClient,
  tokens: TokenSource,
  path: { module: string; recordId: string },
  ids: string[],
): Promise<ChosenListing> {
  const wanted = new Set(ids);
  const listed = new Map<string, string>();
  for (let page = 1; page <= ZIP_LISTING_PAGES; page++) {
    const list = await bigin.getJson(
      tokens,
      biginPath([path.module, path.recordId, 'Attachments'], { page, per_page: 200 }),
      attachmentListSchema,
    );
    for (const a of list?.data ?? []) {
      if (!wanted.has(a.id)) continue;
      const name = a.File_Name ?? `(no name) [id ${a.id}]`;
      listed.set(a.id, a.$link_url ? `${name} (a link: ${a.$link_url})` : name);
    }
    // Bigin answers 204, no list, for a record with no attachments.
    if (listed.size === wanted.size || !list?.info.more_records) return { listed, complete: true };
  }
  return { listed, complete: false };
}

/**
 * The listed names, and for ids Bigin does not list (a file deleted since the list was shown)
 * the names the browser's list showed.
 */
export function withChosenNames(
  { listed }: ChosenListing,
  ids: string[],
  chosen: Record<string, string> = {},
): Map<string, string> {
  const names = new Map(listed);
  for (const id of ids) {
    const name = chosen[id];
    if (!names.has(id) && name) names.set(id, name);
  }
  return names;
}

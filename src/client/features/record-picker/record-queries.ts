import { queryOptions } from '@tanstack/react-query';
import { apiPaths, recordPageSchema } from '../../../shared/api-contract.ts';
import { apiGet } from '../../lib/api-client.ts';
import { recordKeys } from '../../lib/record-keys.ts';

/** Bigin's `word` search refuses fewer than two characters. */
export const MIN_SEARCH_LENGTH = 2;
const MAX_SEARCH_LENGTH = 100;

/**
 * The word to send for what was typed: the proxy refuses control characters, slashes, `..` and
 * %-escapes in a search word, so they become spaces rather than a failed search.
 */
export function searchWordOf(typed: string): string {
  return (
    typed
      // eslint-disable-next-line no-control-regex -- control characters are what it removes
      .replace(/[\u0000-\u001f\u007f\\/]|\.{2,}|%(?=[0-9a-f]{2})/gi, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, MAX_SEARCH_LENGTH)
  );
}

/** A module's recent records, offered before the user types. */
export const recentRecordsQuery = (module: string) =>
  queryOptions({
    queryKey: recordKeys.recent(module),
    queryFn: ({ signal }) => apiGet(apiPaths.records(module), recordPageSchema, signal),
  });

/** What typed text reads as an email address: searched by Bigin's `email`, not by word. */
export const looksLikeEmail = (text: string) => /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(text);

/**
 * Bigin's search over one module: by email for an email address (in the module's email fields;
 * the proxy searches by word where the module has none), else by word. Its index lags by 10-20
 * s, so a record created a moment ago may be missing; a short stale time lets a second try find
 * it.
 */
export const recordSearchQuery = (module: string, word: string) =>
  queryOptions({
    queryKey: recordKeys.search(module, word),
    queryFn: ({ signal }) =>
      apiGet(
        looksLikeEmail(word)
          ? apiPaths.searchRecordsByEmail(module, word)
          : apiPaths.searchRecords(module, word),
        recordPageSchema,
        signal,
      ),
    staleTime: 15_000,
  });

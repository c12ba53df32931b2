import { errorFactsOf, secondsUntilRetry } from '../../components/error-messages.ts';
import { messages } from '../../i18n/messages.ts';
import { ApiClientError } from '../../lib/api-client.ts';
import { actionReason } from './action-reason.ts';

const words = messages.zip;

/**
 * Why a ZIP could not be made, in a sentence: how many files a ZIP holds at most, or, when its
 * files are more requests than the session has left this minute, when to try again.
 */
export function zipFailureText(error: unknown, now = Date.now()): string {
  if (error instanceof ApiClientError) {
    const facts = errorFactsOf(error);
    const { max_entries: max, files, zip_files: zipFiles } = facts.details;
    if (facts.code === 'PROXY_ZIP_TOO_MANY_FILES' && typeof max === 'number') {
      return words.tooManyFiles(max, typeof files === 'number' ? files : max + 1);
    }
    if (facts.code === 'PROXY_RATE_LIMITED' && typeof zipFiles === 'number') {
      return words.rateLimited(zipFiles, secondsUntilRetry(facts, now));
    }
  }
  return words.failed(actionReason(error));
}

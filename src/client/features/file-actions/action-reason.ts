import { byCode } from '../../components/error-messages.ts';
import { messages } from '../../i18n/messages.ts';
import { ApiClientError } from '../../lib/api-client.ts';

/** Why a write failed, in words that end a sentence; Bigin's own message when the app has none. */
export function actionReason(error: unknown): string {
  if (!(error instanceof ApiClientError)) return messages.actionReasons.CLIENT_ANSWER_LOST;
  return (
    byCode(messages.actionReasons, error.code) ??
    messages.otherReason(error.code, error.body.message)
  );
}

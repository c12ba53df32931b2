import { describe, expect, it } from 'vitest';
import { ApiClientError } from '../../lib/api-client.ts';
import { actionReason } from './action-reason.ts';

const failure = (status: number, code: string, message: string) =>
  new ApiClientError(status, { code, details: {}, message, status: 'error', requestId: 'r' });

describe('actionReason', () => {
  it('says an attachment Bigin no longer has was deleted, and to refresh the list', () => {
    const gone = failure(404, 'PROXY_ATTACHMENT_GONE', 'This attachment no longer exists');
    expect(actionReason(gone)).toBe(
      'this attachment no longer exists in Bigin (it was deleted); refresh the list.',
    );
  });

  it('says a file that changed while sent saved nothing, and to choose it again', () => {
    const changed = failure(400, 'PROXY_UPLOAD_SIZE_MISMATCH', 'The file did not match');
    expect(actionReason(changed)).toBe(
      'the file changed while it was being sent, so nothing was saved; choose it again and retry.',
    );
  });

  it("falls back on the server's own message and code", () => {
    expect(actionReason(failure(400, 'SOMETHING_NEW', 'Something new happened.'))).toBe(
      'Something new happened. (SOMETHING_NEW).',
    );
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { docSampleAttachmentList } from '../../shared/doc-samples.ts';
import { ApiClientError } from '../lib/api-client.ts';
import { attachmentPageQuery } from '../features/attachments/attachment-queries.ts';
import { recordDetailQuery } from '../features/record-header/record-detail-query.ts';
import { stubApi } from '../test/stub-api.ts';
import { createQueryClient } from './query-client.ts';
import { takeOverFirstPage } from './take-over-first-page.ts';

afterEach(() => vi.unstubAllGlobals());

const detail = { id: '42', name: 'Patricia Boyle', module: 'Contacts', hasPhotoField: true };

describe('takeOverFirstPage', () => {
  it("gives the app's queries the page and the record the first frame asked for, without asking again", async () => {
    const calls = stubApi({});
    const queryClient = createQueryClient();
    const firstPage = Promise.resolve(docSampleAttachmentList);
    const record = Promise.resolve(detail);
    takeOverFirstPage(queryClient, { module: 'Contacts', recordId: '42', firstPage, record });
    await expect(queryClient.fetchQuery(attachmentPageQuery('Contacts', '42', 1))).resolves.toEqual(
      docSampleAttachmentList,
    );
    await expect(queryClient.fetchQuery(recordDetailQuery('Contacts', '42'))).resolves.toEqual(
      detail,
    );
    expect(calls).toEqual([]);
  });

  it("asks again, as the app's query would, when the frame's answer was a failure worth a retry", async () => {
    const calls = stubApi({ '/api/records/Contacts/42': detail });
    const queryClient = createQueryClient();
    queryClient.setDefaultOptions({
      queries: { ...queryClient.getDefaultOptions().queries, retryDelay: 0 },
    });
    const failed = new ApiClientError(503, {
      code: 'PROXY_UPSTREAM_UNAVAILABLE',
      message: 'm',
      details: {},
      status: 'error',
      requestId: 'r',
    });
    const record = Promise.reject(failed);
    record.catch(() => undefined);
    const firstPage = Promise.resolve(docSampleAttachmentList);
    takeOverFirstPage(queryClient, { module: 'Contacts', recordId: '42', firstPage, record });
    await expect(queryClient.fetchQuery(recordDetailQuery('Contacts', '42'))).resolves.toEqual(
      detail,
    );
    expect(calls).toEqual(['/api/records/Contacts/42']);
  });
});

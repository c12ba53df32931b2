import { afterEach, describe, expect, it, vi } from 'vitest';
import { docSampleAttachmentList } from '../../shared/doc-samples.ts';
import { attachmentPageQuery } from '../features/attachments/attachment-queries.ts';
import { recordDetailQuery } from '../features/record-header/record-detail-query.ts';
import { createQueryClient } from './query-client.ts';
import { takeOverFirstPage } from './take-over-first-page.ts';

afterEach(() => vi.unstubAllGlobals());

describe('takeOverFirstPage', () => {
  it("gives the app's queries the page and the record the first frame asked for, without asking again", async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const queryClient = createQueryClient();
    const firstPage = Promise.resolve(docSampleAttachmentList);
    const detail = { id: '42', name: 'Patricia Boyle', module: 'Contacts', hasPhotoField: true };
    const record = Promise.resolve(detail);
    takeOverFirstPage(queryClient, { module: 'Contacts', recordId: '42', firstPage, record });
    await expect(queryClient.fetchQuery(attachmentPageQuery('Contacts', '42', 1))).resolves.toEqual(
      docSampleAttachmentList,
    );
    await expect(queryClient.fetchQuery(recordDetailQuery('Contacts', '42'))).resolves.toEqual(
      detail,
    );
    expect(fetch).not.toHaveBeenCalled();
  });
});

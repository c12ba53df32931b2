import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { docSampleAttachmentList } from '../../shared/doc-samples.ts';
import { attachmentPageQuery } from '../features/attachments/attachment-queries.ts';
import { takeOverFirstPage } from './take-over-first-page.ts';

afterEach(() => vi.unstubAllGlobals());

describe('takeOverFirstPage', () => {
  it("gives the app's query the first page the first frame asked for, without asking again", async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const queryClient = new QueryClient();
    const firstPage = Promise.resolve(docSampleAttachmentList);
    takeOverFirstPage(queryClient, { module: 'Contacts', recordId: '42', firstPage });
    await expect(queryClient.fetchQuery(attachmentPageQuery('Contacts', '42', 1))).resolves.toEqual(
      docSampleAttachmentList,
    );
    expect(fetch).not.toHaveBeenCalled();
  });
});

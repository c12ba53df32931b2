import { queryOptions } from '@tanstack/react-query';
import { apiPaths, attachmentPageSchema } from '../../../shared/api-contract.ts';
import { BIGIN_MAX_PER_PAGE } from '../../../shared/bigin-attachment.ts';
import { apiGet } from '../../lib/api-client.ts';

/** Asks the proxy for one Bigin page of a record's attachments (up to 200 rows). */
export const fetchAttachmentPage = (
  module: string,
  recordId: string,
  page: number,
  signal?: AbortSignal,
) =>
  apiGet(
    apiPaths.attachments(module, recordId, page, BIGIN_MAX_PER_PAGE),
    attachmentPageSchema,
    signal,
  );

/** One Bigin page of a record's attachments: fetched once, then cached. */
export const attachmentPageQuery = (module: string, recordId: string, page: number) =>
  queryOptions({
    queryKey: ['attachments', module, recordId, 'page', page],
    queryFn: ({ signal }) => fetchAttachmentPage(module, recordId, page, signal),
  });

import { queryOptions } from '@tanstack/react-query';
import { apiPaths, attachmentPageSchema } from '../../../shared/api-contract.ts';
import { BIGIN_MAX_PER_PAGE } from '../../../shared/bigin-attachment.ts';
import { apiGet } from '../../lib/api-client.ts';

/**
 * Every query key of attachments, from the most general to the most specific: a write on a
 * record invalidates `record(...)`, which holds all its pages.
 */
export const attachmentKeys = {
  all: ['attachments'] as const,
  record: (module: string, recordId: string) => [...attachmentKeys.all, module, recordId] as const,
  pages: (module: string, recordId: string) =>
    [...attachmentKeys.record(module, recordId), 'page'] as const,
  page: (module: string, recordId: string, page: number) =>
    [...attachmentKeys.pages(module, recordId), page] as const,
};

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
    queryKey: attachmentKeys.page(module, recordId, page),
    queryFn: ({ signal }) => fetchAttachmentPage(module, recordId, page, signal),
  });

import { queryOptions } from '@tanstack/react-query';
import { apiPaths } from '../../../shared/api-contract.ts';
import { ApiClientError, apiRequest } from '../../lib/api-client.ts';

/** Enough text to read; the rest is a download away (a log can be hundreds of megabytes). */
const TEXT_LIMIT = 512 * 1024;

/**
 * The preview panel's query keys, general to specific. Apart from `attachmentKeys`: a write on
 * the record refreshes its list of attachments, not the files' contents.
 */
export const previewKeys = {
  all: ['preview'] as const,
  file: (module: string, recordId: string, attachmentId: string) =>
    [...previewKeys.all, module, recordId, attachmentId] as const,
  text: (module: string, recordId: string, attachmentId: string) =>
    [...previewKeys.file(module, recordId, attachmentId), 'text'] as const,
  failure: (module: string, recordId: string, attachmentId: string) =>
    [...previewKeys.file(module, recordId, attachmentId), 'failure'] as const,
  /** Links to these attachments' previews on the preview origin (preview-links.ts). */
  links: (module: string, recordId: string, attachmentIds: readonly string[]) =>
    [...previewKeys.all, module, recordId, 'links', attachmentIds.join(',')] as const,
};

/** A text file's beginning, read as it streams: at most TEXT_LIMIT characters. */
export const previewTextQuery = (module: string, recordId: string, attachmentId: string) =>
  queryOptions({
    queryKey: previewKeys.text(module, recordId, attachmentId),
    queryFn: ({ signal }) => readText(apiPaths.preview(module, recordId, attachmentId), signal),
    staleTime: Infinity,
    retry: false,
  });

/**
 * Why a preview's element (image, audio, video) failed, which the element does not say: the
 * preview route is asked once more, and its error read. An answer with bytes (a file the browser
 * could not show) is dropped unread: null.
 */
export const previewFailureQuery = (module: string, recordId: string, attachmentId: string) =>
  queryOptions({
    queryKey: previewKeys.failure(module, recordId, attachmentId),
    queryFn: ({ signal }) =>
      previewFailure(apiPaths.preview(module, recordId, attachmentId), signal),
    staleTime: Infinity,
    retry: false,
  });

async function readText(
  path: string,
  signal: AbortSignal,
): Promise<{ text: string; cut: boolean }> {
  const response = await apiRequest(path, {}, signal);
  const reader = response.body?.getReader();
  if (!reader) return { text: (await response.text()).slice(0, TEXT_LIMIT), cut: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < TEXT_LIMIT) {
    const { done, value } = await reader.read();
    if (done) return { text: decode(chunks), cut: false };
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel();
  return { text: decode(chunks).slice(0, TEXT_LIMIT), cut: true };
}

const decode = (chunks: Uint8Array[]) => {
  const decoder = new TextDecoder();
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
};

async function previewFailure(path: string, signal: AbortSignal): Promise<ApiClientError | null> {
  try {
    const response = await apiRequest(path, {}, signal);
    await response.body?.cancel();
    return null;
  } catch (error) {
    // The answer's failure is the reason; no answer at all leaves the reason unknown.
    if (error instanceof ApiClientError && error.httpStatus !== 0) return error;
    throw error;
  }
}

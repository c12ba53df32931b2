import { queryOptions, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiPaths, previewLinksSchema, type PreviewLinks } from '../../../shared/api-contract.ts';
import { apiGet, apiUrl } from '../../lib/api-client.ts';
import { previewKeys } from './preview-queries.ts';

/**
 * A preview link opens for five minutes (the server's PREVIEW_LINK_TTL_MS): links are minted
 * again after three, and links no component holds are dropped after one more, so that none in
 * use is ever near its end. An `<img>` or frame already loaded keeps what it shows (useKept).
 */
const MINT_AGAIN_MS = 3 * 60_000;
const DROP_UNUSED_MS = 60_000;

/**
 * Where these attachments' previews are shown from: links on the preview origin, minted by the
 * app's origin for whoever is signed in (or the embed's link or frame token).
 */
export const previewLinksQuery = (module: string, recordId: string, ids: readonly string[]) =>
  queryOptions({
    queryKey: previewKeys.links(module, recordId, ids),
    queryFn: ({ signal }) =>
      apiGet(apiPaths.previewLinks(module, recordId, ids), previewLinksSchema, signal),
    staleTime: MINT_AGAIN_MS,
    refetchInterval: MINT_AGAIN_MS,
    gcTime: DROP_UNUSED_MS,
    enabled: ids.length > 0,
  });

/**
 * The address one attachment's preview is shown from: its link on the preview origin, or without
 * one (`separateOrigin: false`) the app's own preview route. Undefined until the links are in.
 */
export function previewSource(
  links: PreviewLinks | undefined,
  module: string,
  recordId: string,
  attachmentId: string,
): string | undefined {
  if (!links) return undefined;
  return links.separateOrigin
    ? links.links[attachmentId]
    : apiUrl(apiPaths.preview(module, recordId, attachmentId));
}

/**
 * The first defined value this component was given, kept: an image or a PDF already shown is
 * not loaded again each time its link is minted anew (which would cost a call to Bigin).
 */
export function useKept<T>(value: T | undefined): T | undefined {
  const [kept, setKept] = useState(value);
  if (kept === undefined && value !== undefined) setKept(value);
  return kept ?? value;
}

/** One attachment's preview address (see previewSource), kept once given; and whether shown apart. */
export function usePreviewSource(
  module: string,
  recordId: string,
  attachmentId: string,
  enabled: boolean,
) {
  const links = useQuery({ ...previewLinksQuery(module, recordId, [attachmentId]), enabled });
  const src = useKept(previewSource(links.data, module, recordId, attachmentId));
  return { src, separateOrigin: links.data?.separateOrigin, error: links.error };
}

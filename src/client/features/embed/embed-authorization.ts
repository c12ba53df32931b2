import { EMBED_TOKEN_PARAM } from '../../../shared/embed-contract.ts';

let current: string | null = null;
let originalFetch: typeof fetch | null = null;

const isApiUrl = (url: URL) =>
  url.origin === window.location.origin && url.pathname.startsWith('/api/');

/**
 * Sends the signed link with every /api call this page makes, whichever feature makes it, as
 * `Authorization: Bearer`: inside another site's frame the browser often keeps cookies from the
 * app, and a header needs none. Installed once; the token can change (another record shown).
 */
export function setEmbedToken(token: string | null): void {
  current = token;
  if (originalFetch || !token) return;
  const plainFetch = window.fetch.bind(window);
  originalFetch = plainFetch;
  window.fetch = (input, init) => {
    const request = new Request(input, init);
    if (!current || !isApiUrl(new URL(request.url))) return plainFetch(request);
    const headers = new Headers(request.headers);
    headers.set('Authorization', `Bearer ${current}`);
    return plainFetch(new Request(request, { headers }));
  };
}

/** The header every /api call from the embed page carries, for calls made without fetch. */
export const embedAuthorization = (): Record<string, string> =>
  current ? { Authorization: `Bearer ${current}` } : {};

/**
 * A download is a navigation, which carries no header: an /api link gets the signed link in its
 * query instead (the proxy reads it on GETs only, and keeps it out of its log).
 */
export function withEmbedToken(href: string): string {
  if (!current || !URL.canParse(href, window.location.href)) return href;
  const url = new URL(href, window.location.href);
  if (!isApiUrl(url)) return href;
  url.searchParams.set(EMBED_TOKEN_PARAM, current);
  return url.toString();
}

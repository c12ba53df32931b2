import { useEffect, useSyncExternalStore } from 'react';
import {
  apiAuthorization,
  setApiAuthorization,
  subscribeApiAuthorization,
} from '../../lib/api-client.ts';

/**
 * Hands the page's signed link to the app's HTTP client for as long as the page shows it, so
 * that every request to the proxy (reads, writes, uploads, and the addresses of downloads,
 * previews and thumbnails) carries it: inside another site's frame the browser often keeps
 * cookies from the app, and a link needs none. True once the client holds this page's link (or
 * none, for a page without one): nothing may be asked before.
 */
export function useEmbedAuthorization(token: string | null): boolean {
  const held = useSyncExternalStore(subscribeApiAuthorization, apiAuthorization);
  useEffect(() => {
    setApiAuthorization(token);
    return () => setApiAuthorization(null);
  }, [token]);
  return held === token;
}

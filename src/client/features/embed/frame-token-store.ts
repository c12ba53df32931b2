/**
 * Where the frame keeps its frame token: this tab's sessionStorage, so that the widget reloaded
 * in the same tab (Bigin shows it again for another record) needs no new sign-in; nothing that
 * outlives the tab. A browser that blocks third-party cookies partitions that storage by the
 * framing site, or refuses it to the frame altogether: then the token lives in this page's
 * memory only, and a reload signs in again (the sign-in window then asks Zoho nothing when its
 * own cookie still names the session).
 */
const KEY = 'bigin-attachments.frame-token';

let inMemory: string | null = null;

export function readFrameToken(storage: () => Storage = () => window.sessionStorage) {
  try {
    return storage().getItem(KEY) ?? inMemory;
  } catch {
    // Storage refused to this frame (third-party storage blocked): memory only.
    return inMemory;
  }
}

export function keepFrameToken(
  token: string | null,
  storage: () => Storage = () => window.sessionStorage,
): void {
  inMemory = token;
  try {
    if (token) storage().setItem(KEY, token);
    else storage().removeItem(KEY);
  } catch {
    // As above: memory only.
  }
}

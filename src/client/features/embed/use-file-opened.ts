import { useEffect } from 'react';

export interface FileOpened {
  attachmentId: string;
  how: 'download' | 'preview' | 'link';
}

const ATTACHMENT_PATH = /^\/api\/records\/[^/]+\/[^/]+\/attachments\/(\d+)(\/preview)?$/;

/** What a click on this anchor opens, if it opens an attachment. */
export function fileOpenedBy(anchor: HTMLAnchorElement, origin: string): FileOpened | null {
  if (!URL.canParse(anchor.href)) return null;
  const url = new URL(anchor.href);
  const own = url.origin === origin ? ATTACHMENT_PATH.exec(url.pathname) : null;
  if (own?.[1]) return { attachmentId: own[1], how: own[2] ? 'preview' : 'download' };
  // A link attachment opens its own address; the grid's row says which attachment it is.
  const rowId = anchor.closest('[data-id]')?.getAttribute('data-id');
  if (url.origin !== origin && rowId) return { attachmentId: rowId, how: 'link' };
  return null;
}

/**
 * Watches clicks on links (the grid's file actions open files by following a link, whose address
 * the HTTP client has given the signed link): `onOpened` hears which file was opened. A capturing
 * listener on the document, so that links created and clicked by code are seen too.
 */
export function useFileOpened(onOpened: (opened: FileOpened) => void): void {
  useEffect(() => {
    const listener = (event: MouseEvent) => {
      const target = event.target;
      const anchor = target instanceof Element ? target.closest('a[href]') : null;
      if (!(anchor instanceof HTMLAnchorElement)) return;
      const opened = fileOpenedBy(anchor, window.location.origin);
      if (opened) onOpened(opened);
    };
    document.addEventListener('click', listener, true);
    return () => document.removeEventListener('click', listener, true);
  }, [onOpened]);
}

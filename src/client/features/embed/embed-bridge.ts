import {
  hostMessageSchema,
  widgetMessage,
  type HostMessage,
  type WidgetMessageBody,
} from '../../../shared/embed-messages.ts';

/** Whether this page runs inside a frame. */
export const isFramed = (win: Window = window): boolean => {
  try {
    return win.self !== win.top;
  } catch {
    // Reading `top` of a cross-origin parent can throw in old browsers: framed, then.
    return true;
  }
};

/**
 * The origin of the page that frames this one, where the browser tells: `ancestorOrigins`
 * (Chromium, Safari), else the referrer (which the host's referrer policy may strip). Null when
 * nothing says.
 */
export function parentOrigin(
  location: Pick<Location, 'ancestorOrigins'> = window.location,
  referrer: string = document.referrer,
): string | null {
  const ancestors = location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) return ancestors[0] ?? null;
  return URL.canParse(referrer) ? new URL(referrer).origin : null;
}

/**
 * Where the widget may post: only ever one of the allowed origins the server named, and the
 * one a signed link names when it names one. Null when no allowed origin can be the parent.
 * When the browser does not say who the parent is, the only allowed origin is still safe to
 * post to: the browser delivers the message only if the parent really is that origin.
 */
export function postTarget(
  parent: string | null,
  allowed: readonly string[],
  linkOrigin?: string,
): string | null {
  const candidates = linkOrigin ? allowed.filter((o) => o === linkOrigin) : allowed;
  if (parent) return candidates.includes(parent) ? parent : null;
  return candidates.length === 1 ? (candidates[0] ?? null) : null;
}

/** The framing page is known, and not one of the allowed: show nothing of the data. */
export const framedByStranger = (parent: string | null, allowed: readonly string[]) =>
  parent !== null && !allowed.includes(parent);

/** Posts to the parent at exactly `target`; never to "*", and nothing without a target. */
export function postToHost(
  target: string | null,
  message: WidgetMessageBody,
  parent: Window = window.parent,
): void {
  if (!target || parent === window) return;
  parent.postMessage(widgetMessage(message), target);
}

/**
 * Listens for the host's messages: only from the parent window, only from an allowed origin,
 * only in a shape the schema knows. Everything else is dropped without a word.
 */
export function listenToHost(
  allowed: readonly string[],
  onMessage: (message: HostMessage) => void,
  win: Window = window,
): () => void {
  const listener = (event: MessageEvent) => {
    if (event.source !== win.parent || !allowed.includes(event.origin)) return;
    const parsed = hostMessageSchema.safeParse(event.data);
    if (parsed.success) onMessage(parsed.data);
  };
  win.addEventListener('message', listener);
  return () => win.removeEventListener('message', listener);
}

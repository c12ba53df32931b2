import { embedPaths } from '../../../shared/embed-contract.ts';
import { signInCodeMessageSchema } from '../../../shared/embed-messages.ts';

/** One sign-in's secret: the nonce the frame keeps, and its hash, which the window carries. */
export interface SignInAttempt {
  nonce: string;
  nonceHash: string;
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/**
 * A fresh nonce and its SHA-256: the sign-in window and the proxy see only the hash, so a code
 * that reaches anyone else is of no use without the nonce, which never leaves this frame but in
 * the exchange. Rejects where the browser offers no Web Crypto (a page not served over https).
 */
export async function newSignInAttempt(): Promise<SignInAttempt> {
  const nonce = base64url(crypto.getRandomValues(new Uint8Array(32)));
  return { nonce, nonceHash: await nonceHashOf(nonce) };
}

/** SHA-256 of the nonce's UTF-8, base64url: as the proxy checks it (frame-tokens.ts). */
export async function nonceHashOf(nonce: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(nonce));
  return base64url(new Uint8Array(digest));
}

/** The sign-in window's name: a second click finds the window already open. */
const WINDOW_NAME = 'bigin-attachments-sign-in';

/**
 * Opens the sign-in window; null when the browser refused it. Call it in the click's own handler
 * (no await before): browsers open windows only in answer to the user.
 */
export function openSignInWindow(attempt: SignInAttempt, win: Window = window): Window | null {
  return win.open(
    embedPaths.frameSignIn(attempt.nonceHash),
    WINDOW_NAME,
    'popup,width=520,height=680',
  );
}

export interface AwaitedCode {
  /** The code, or null when the window closed without handing one over. */
  code: Promise<string | null>;
  stop: () => void;
}

/**
 * Waits for the sign-in window's code: only from that window, only from this page's own origin
 * (the window posts at exactly that origin), only in the message's shape; anything else is
 * ignored. The window's closing is watched too, so that a sign-in abandoned is not waited for
 * for ever.
 */
export function awaitCode(popup: Window, win: Window = window, pollMs = 500): AwaitedCode {
  let stop = () => {};
  const code = new Promise<string | null>((resolve) => {
    const listener = (event: MessageEvent) => {
      if (event.source !== popup || event.origin !== win.location.origin) return;
      const parsed = signInCodeMessageSchema.safeParse(event.data);
      if (!parsed.success) return;
      stop();
      resolve(parsed.data.code);
    };
    let grace: number | undefined;
    const poll = win.setInterval(() => {
      if (!popup.closed) return;
      win.clearInterval(poll);
      // A message posted just before the window closed may still be on its way: a moment more.
      grace = win.setTimeout(() => {
        stop();
        resolve(null);
      }, pollMs);
    }, pollMs);
    win.addEventListener('message', listener);
    stop = () => {
      win.removeEventListener('message', listener);
      win.clearInterval(poll);
      win.clearTimeout(grace);
    };
  });
  return { code, stop: () => stop() };
}

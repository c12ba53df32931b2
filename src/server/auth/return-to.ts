const PLACEHOLDER_ORIGIN = 'http://app.invalid';
/**
 * The one sign-in route a sign-in may return to: the frame sign-in's window, which comes back to
 * hand its code over (and, back without a session, says so rather than going round again).
 */
const RETURNABLE_AUTH_PATH = '/auth/frame-sign-in';

/**
 * Where to send the browser after sign-in: a path of this app and nothing else. Anything that a
 * browser could read as another origin (`//evil.example`, `/\evil.example`, `https:...`), any
 * control character, and the sign-in routes themselves (but the frame sign-in's window) fall
 * back to the home page.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000) return '/';
  if (!value.startsWith('/') || value.startsWith('//')) return '/';
  if (UNSAFE_CHARACTERS.test(value)) return '/';
  if (!URL.canParse(value, PLACEHOLDER_ORIGIN)) return '/';
  const url = new URL(value, PLACEHOLDER_ORIGIN);
  if (url.origin !== PLACEHOLDER_ORIGIN) return '/';
  // Judged on the path as a browser or a proxy on the way would finally read it: dot segments
  // resolved (`/.//evil.example` is `//evil.example`), percent-encodings decoded until nothing
  // changes (`/%2F%2Fevil.example`, `/%5Cevil.example`, `/%61uth/sign-in`).
  const decoded = fullyDecodedPath(url.pathname);
  if (decoded === undefined || url.pathname.startsWith('//')) return '/';
  if (decoded.startsWith('//') || UNSAFE_CHARACTERS.test(decoded)) return '/';
  if (decoded === RETURNABLE_AUTH_PATH && url.pathname === RETURNABLE_AUTH_PATH) {
    return `${url.pathname}${url.search}`;
  }
  if (/^\/(?:auth|api)(?:\/|$)/i.test(decoded)) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNSAFE_CHARACTERS = /[\\\u0000-\u001f\u007f]/;

/** The path with its encodings decoded and its dot segments resolved until stable, or undefined. */
function fullyDecodedPath(pathname: string): string | undefined {
  let current = pathname;
  for (let round = 0; round < 4; round += 1) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (UNSAFE_CHARACTERS.test(decoded) || decoded.startsWith('//')) return decoded;
    if (!URL.canParse(decoded, PLACEHOLDER_ORIGIN)) return undefined;
    const resolved = new URL(decoded, PLACEHOLDER_ORIGIN);
    if (resolved.origin !== PLACEHOLDER_ORIGIN) return '//';
    if (resolved.pathname === current) return current;
    current = resolved.pathname;
  }
  return undefined;
}

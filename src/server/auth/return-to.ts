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
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  if (!URL.canParse(value, PLACEHOLDER_ORIGIN)) return '/';
  const url = new URL(value, PLACEHOLDER_ORIGIN);
  if (url.origin !== PLACEHOLDER_ORIGIN) return '/';
  if (url.pathname === RETURNABLE_AUTH_PATH) return `${url.pathname}${url.search}`;
  if (url.pathname.startsWith('/auth/') || url.pathname.startsWith('/api/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

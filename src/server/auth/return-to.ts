const PLACEHOLDER_ORIGIN = 'http://app.invalid';

/**
 * Where to send the browser after sign-in: a path of this app and nothing else. Anything that a
 * browser could read as another origin (`//evil.example`, `/\evil.example`, `https:...`), any
 * control character, and the sign-in routes themselves fall back to the home page.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000) return '/';
  if (!value.startsWith('/') || value.startsWith('//')) return '/';
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  if (!URL.canParse(value, PLACEHOLDER_ORIGIN)) return '/';
  const url = new URL(value, PLACEHOLDER_ORIGIN);
  if (url.origin !== PLACEHOLDER_ORIGIN) return '/';
  if (url.pathname.startsWith('/auth/') || url.pathname.startsWith('/api/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

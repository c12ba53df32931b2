/** Query parameters whose values must never reach a log: grant codes, state, tokens, secrets. */
const SECRET_PARAMS =
  /^(code|state|token|embed_token|access_token|refresh_token|client_secret|client_id)$/i;

/** The URL as logs may show it: the path, and the query with every secret's value blanked. */
export function logSafeUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const safe = [...params].map(([key, value]) =>
    SECRET_PARAMS.test(key) ? [key, '[redacted]'] : [key, value],
  );
  return `${url.slice(0, q)}?${new URLSearchParams(safe).toString()}`;
}

/**
 * `Content-Disposition` for a download (RFC 6266): a plain-ASCII `filename` for old clients and
 * the real name in `filename*` (RFC 5987, UTF-8, percent-encoded), which Zoho's SDKs read.
 */
export function contentDisposition(fileName: string): string {
  // Quotes, backslashes and % would confuse naive parsers of the quoted fallback.
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

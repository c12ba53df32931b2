/**
 * `Content-Disposition` per RFC 6266: a plain-ASCII `filename` for old clients, and the real
 * name in `filename*` (RFC 5987: UTF-8, percent-encoded), which browsers and Zoho's SDKs prefer.
 * Nothing of the name reaches the header unencoded, so no name can end the header early (CR/LF)
 * or add a parameter (`;`, quotes).
 */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  // Quotes, backslashes, % and ; would confuse naive parsers of the quoted fallback.
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_').trim() || 'download';
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** RFC 5987's `attr-char` set: encodeURIComponent leaves a few more characters bare. */
const encodeRfc5987 = (value: string) =>
  encodeURIComponent(value).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * The file name a `Content-Disposition` header carries: `filename*` (UTF-8 or ISO-8859-1) when
 * present and well formed, else the quoted or bare `filename`; undefined when there is none.
 */
export function fileNameFromDisposition(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const params = dispositionParams(header);
  const extended = params.get('filename*');
  if (extended !== undefined) {
    const decoded = decodeExtValue(extended);
    if (decoded !== undefined) return decoded;
  }
  return params.get('filename');
}

/** The parameters after the disposition type, names lower-cased, quoted strings unescaped. */
function dispositionParams(header: string): Map<string, string> {
  const params = new Map<string, string>();
  const pattern = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (const match of header.matchAll(pattern)) {
    const name = match[1]!.toLowerCase();
    const value =
      match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '').trim();
    if (!params.has(name)) params.set(name, value);
  }
  return params;
}

function decodeExtValue(value: string): string | undefined {
  const match = /^([\w!#$%&+^`{}~-]+)'[\w-]*'(.*)$/.exec(value);
  if (!match) return undefined;
  const charset = match[1]!.toLowerCase();
  try {
    if (charset === 'utf-8') return decodeURIComponent(match[2]!);
    if (charset === 'iso-8859-1') {
      return match[2]!.replace(/%([0-9a-f]{2})/gi, (_m, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      );
    }
  } catch {
    return undefined;
  }
  return undefined;
}

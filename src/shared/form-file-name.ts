/**
 * A file name in a multipart/form-data part, written and read as browsers write it (the HTML
 * standard's multipart/form-data encoding): `"` as `%22`, CR as `%0D`, LF as `%0A`, everything
 * else, backslashes included, as it is. Bigin receives the same form its own web pages send.
 *
 * The one thing this cannot tell apart is a name that really contains `%22`: browsers send it
 * unchanged, so it reads back as `"`. The standard accepts that ambiguity; so do we.
 */
const ESCAPES: Record<string, string> = { '"': '%22', '\r': '%0D', '\n': '%0A' };

export const encodeFormFileName = (name: string): string =>
  name.replace(/["\r\n]/g, (c) => ESCAPES[c] ?? c);

export const decodeFormFileName = (raw: string): string =>
  raw.replace(/%(22|0D|0A)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

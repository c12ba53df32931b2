/**
 * `Retry-After` (RFC 9110) as milliseconds from `now`: delta-seconds, or an HTTP date (a date
 * already past is 0). Undefined when the header is absent or neither.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

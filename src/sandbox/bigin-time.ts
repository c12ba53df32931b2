/** The sandbox org's time zone. Bigin writes times with the user's offset, as the doc sample does. */
export const ORG_UTC_OFFSET_MINUTES = 330;

/** `2020-07-24T18:12:43+05:30`: ISO 8601, whole seconds, with the org's offset. */
export function formatBiginTime(epochMs: number, offsetMinutes = ORG_UTC_OFFSET_MINUTES): string {
  const local = new Date(Math.floor(epochMs / 1000) * 1000 + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${local.toISOString().slice(0, 19)}${offset}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

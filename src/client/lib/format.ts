const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/**
 * Building an Intl formatter costs far more than using one, and a grid page formats hundreds of
 * values: each formatter is built once per locale and options.
 */
function memoized<O extends object, F>(make: (locale: string | undefined, options: O) => F) {
  const made = new Map<string, F>();
  return (locale: string | undefined, options: O): F => {
    const key = `${locale ?? ''}|${JSON.stringify(options)}`;
    let formatter = made.get(key);
    if (!formatter) {
      formatter = make(locale, options);
      made.set(key, formatter);
    }
    return formatter;
  };
}
const numberFormat = memoized(
  (locale, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options),
);
const dateFormat = memoized(
  (locale, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options),
);

/** 362207 -> "354 kB" in the user's locale (binary multiples, as file managers show them). */
export function formatBytes(bytes: number, locale?: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return numberFormat(locale, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1,
  }).format(value);
}

/** The exact count, for the hover text: "362,207 bytes". */
export function formatExactBytes(bytes: number, locale?: string): string {
  return numberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
}

/** A Bigin timestamp in the user's locale and time zone. */
export function formatDateTime(iso: string, locale?: string, timeZone?: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
}

/** The full timestamp, for the hover text. */
export function formatFullDateTime(iso: string, locale?: string, timeZone?: string): string {
  return dateFormat(locale, { dateStyle: 'full', timeStyle: 'long', timeZone }).format(
    new Date(iso),
  );
}

/** A count in the user's locale: 1000 -> "1,000". */
export function formatCount(count: number, locale?: string): string {
  return numberFormat(locale, {}).format(count);
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.:](\d{1,9}))?(?:Z|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Parses a VOD timestamp into a `Date`. Accepts every form VOD documents (spec §1.5): `2025-03-14T02:31:08Z`,
 * `2025-03-14T02:31:08.627Z` and the colon form `2025-03-14T02:31:08:627Z` (for which `Date.parse` returns `NaN`);
 * also a numeric offset instead of `Z`. Digits beyond milliseconds are truncated.
 *
 * @returns the instant, or `undefined` when the text is not such a timestamp or names an impossible date
 *   (`2025-02-30…`, hour 24, …).
 */
export function parseVodTimestamp(text: unknown): Date | undefined {
  if (typeof text !== 'string') return undefined;
  const m = TIMESTAMP.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(local);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return undefined;
  let offsetMinutes = 0;
  if (m[8] !== undefined) {
    const offsetHours = Number(m[9]);
    const offsetMins = Number(m[10]);
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  return new Date(local - offsetMinutes * 60_000);
}

/**
 * Formats a `Date` the way VOD writes `EventTime` and other time fields: `yyyy-MM-ddTHH:mm:ssZ` (UTC, seconds), or
 * with `millis: 'dot'` / `'colon'` the millisecond forms `…:ss.SSSZ` / `…:ss:SSSZ` some events use.
 */
export function formatVodTimestamp(date: Date, millis: 'none' | 'dot' | 'colon' = 'none'): string {
  const iso = date.toISOString(); // yyyy-MM-ddTHH:mm:ss.SSSZ
  if (millis === 'dot') return iso;
  if (millis === 'colon') return `${iso.slice(0, 19)}:${iso.slice(20, 23)}Z`;
  return `${iso.slice(0, 19)}Z`;
}

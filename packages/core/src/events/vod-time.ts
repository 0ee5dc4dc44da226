const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Digit value of the char at `i`, or -1. */
function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Two-digit number at `i`, or -1. */
function two(text: string, i: number): number {
  const a = digit(text, i);
  const b = digit(text, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/** The fields of a timestamp; `undefined` for anything that is not one of VOD's forms or not a real time. */
interface TimestampParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  offsetMinutes: number;
}

// Hand-written instead of a regular expression: this runs for every event (`EventTime` validation), and a
// character scan without match arrays is several times cheaper.
function scan(text: string): TimestampParts | undefined {
  // yyyy-MM-ddTHH:mm:ss = 19 chars, then [.:]fraction, then Z | ±HH:mm | ±HHmm
  if (text.length < 20 || text.length > 35) return undefined;
  const y1 = two(text, 0);
  const y2 = two(text, 2);
  if (y1 < 0 || y2 < 0) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84) return undefined; // - - T
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined; // : :
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  const second = two(text, 17);
  if (month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return undefined;
  if (second < 0 || second > 59) return undefined;
  const year = y1 * 100 + y2;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const maxDay = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  if (day > maxDay) return undefined;
  let i = 19;
  let millis = 0;
  const sep = text.charCodeAt(i);
  if (sep === 46 || sep === 58) {
    // . or : then 1–9 digits; milliseconds are the first three (padded)
    i += 1;
    const start = i;
    while (i < text.length && digit(text, i) >= 0) i += 1;
    const count = i - start;
    if (count < 1 || count > 9) return undefined;
    for (let k = 0; k < 3; k++) millis = millis * 10 + (k < count ? digit(text, start + k) : 0);
  }
  let offsetMinutes = 0;
  const zone = text.charCodeAt(i);
  if (zone === 90) {
    i += 1; // Z
  } else if (zone === 43 || zone === 45) {
    // + or -, then HH:mm or HHmm
    const oh = two(text, i + 1);
    const colon = text.charCodeAt(i + 3) === 58 ? 1 : 0;
    const om = two(text, i + 3 + colon);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
    offsetMinutes = (zone === 45 ? -1 : 1) * (oh * 60 + om);
    i += 5 + colon;
  } else {
    return undefined;
  }
  if (i !== text.length) return undefined;
  return { year, month, day, hour, minute, second, millis, offsetMinutes };
}

/**
 * Whether `text` is a VOD timestamp naming a real instant (same rules as {@link parseVodTimestamp}, without
 * allocating a `Date`).
 */
export function isVodTimestamp(text: unknown): boolean {
  return typeof text === 'string' && scan(text) !== undefined;
}

/**
 * Parses a VOD timestamp into a `Date`. Accepts every form VOD documents (docs/vod-events.md §1.5): `2025-03-14T02:31:08Z`,
 * `2025-03-14T02:31:08.627Z` and the colon form `2025-03-14T02:31:08:627Z` (for which `Date.parse` returns `NaN`);
 * also a numeric offset (`+08:00`, `+0800`) instead of `Z`. Digits beyond milliseconds are truncated.
 *
 * @returns the instant, or `undefined` when the text is not such a timestamp or names an impossible date
 *   (`2025-02-30…`, hour 24, …).
 */
export function parseVodTimestamp(text: unknown): Date | undefined {
  if (typeof text !== 'string') return undefined;
  const p = scan(text);
  if (p === undefined) return undefined;
  const date = new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millis));
  if (p.year < 100) date.setUTCFullYear(p.year); // Date.UTC maps years 0–99 to 1900–1999
  return new Date(date.getTime() - p.offsetMinutes * 60_000);
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

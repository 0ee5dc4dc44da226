import type { VodEvent } from './vod-event.js';
import { parseVodTimestamp } from './vod-time.js';

/** A normalised outcome: VOD's three status vocabularies (`success/fail`, `Success/Failed`, `Succeed/Failed`) mapped to two words. */
export type VodOutcome = 'success' | 'failure';

type Fields = Readonly<Record<string, unknown>>;

/**
 * Normalises a raw `Status` value (docs/vod-events.md §5.2, §8): `success`, `Success` and `Succeed` are `'success'`; any other
 * string (`fail`, `Failed`, unexpected casing, …) is `'failure'`. The raw value stays on the event.
 * @returns `undefined` when `raw` is not a string (e.g. the field is absent).
 */
export function normalizeVodStatus(raw: unknown): VodOutcome | undefined {
  if (typeof raw !== 'string') return undefined;
  return raw === 'success' || raw === 'Success' || raw === 'Succeed' ? 'success' : 'failure';
}

/**
 * The event's normalised outcome, from its `Status`. Works the same on nested items (`StreamInfos[i]`,
 * `SnapshotInfos[i]`). Note `TranscodeComplete` is `'success'` when at least one stream succeeded — check
 * `StreamInfos` for per-stream results.
 * @returns `undefined` when there is no `Status` (e.g. the doc-sample shape of `SnapshotComplete`).
 */
export function vodEventStatus(event: VodEvent | Fields): VodOutcome | undefined {
  return normalizeVodStatus(event.Status);
}

/**
 * `EventTime` as a `Date`, accepting `…:ssZ`, `…:ss.SSSZ` and the colon form `…:ss:SSSZ`.
 * @returns `undefined` when absent or unparseable (only possible for an `UnknownVodEvent`: known events are
 *   validated).
 */
export function vodEventTime(event: VodEvent | Fields): Date | undefined {
  return parseVodTimestamp(event.EventTime);
}

const MEDIA_ID_FIELDS = ['VideoId', 'MediaId', 'ImageId', 'AttachedMediaId'] as const;

/**
 * The id of the media the event is about: the first non-empty string of `VideoId`, `MediaId`, `ImageId`,
 * `AttachedMediaId`. `@vodmns/rx` orders events per media id.
 * @returns `undefined` when there is none (a failed `UploadByURLComplete` pull, the doc-sample `SnapshotComplete`).
 */
export function vodEventMediaId(event: VodEvent | Fields): string | undefined {
  for (const field of MEDIA_ID_FIELDS) {
    const value = event[field];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function firstString(record: Fields | undefined, a: string, b: string): string | undefined {
  if (record === undefined || record === null || typeof record !== 'object') return undefined;
  const first = record[a];
  if (typeof first === 'string') return first;
  const second = record[b];
  return typeof second === 'string' ? second : undefined;
}

/**
 * The file URL whichever casing VOD used: `FileUrl` (FileUploadComplete, StreamTranscodeComplete, `StreamInfos[]`)
 * or `FileURL` (ImageUploadComplete, AttachedMediaUploadComplete, `DynamicImageJobInfo`). Works on events and
 * nested items. URLs are as sent: usually `http://`, never signed (docs/vod-events.md §1.6).
 */
export function vodFileUrl(record: VodEvent | Fields | undefined): string | undefined {
  return firstString(record, 'FileUrl', 'FileURL');
}

/** The cover URL whichever casing VOD used: `CoverUrl` (SnapshotComplete) or `CoverURL`. */
export function vodCoverUrl(record: VodEvent | Fields | undefined): string | undefined {
  return firstString(record, 'CoverUrl', 'CoverURL');
}

/** A decoded `Extend` pass-through value. */
export interface VodExtend {
  /** The `Extend` text exactly as sent. */
  readonly text: string;
  /** Whether `text` parsed as JSON. */
  readonly isJson: boolean;
  /** The parsed JSON value when `isJson`, otherwise `undefined`. */
  readonly json: unknown;
}

/**
 * `Extend` (the `UserData.Extend` pass-through), decoded as JSON when it parses — docs call it a JSON string but
 * samples also show plain text (docs/vod-events.md §1.6).
 * @returns `undefined` when the event has no string `Extend`.
 */
export function vodEventExtend(event: VodEvent | Fields): VodExtend | undefined {
  const text = event.Extend;
  if (typeof text !== 'string') return undefined;
  try {
    return Object.freeze({ text, isJson: true, json: JSON.parse(text) as unknown });
  } catch {
    return Object.freeze({ text, isJson: false, json: undefined });
  }
}

/** A failure reported by an event, normalised across `ErrorCode`/`ErrorMessage` and the AI events' `Code`/`Message`. */
export interface VodEventFailure {
  /** The error code, surrounding spaces trimmed (a doc sample has `"URLInvalidError "`). */
  readonly code: string;
  /** The error message, trimmed, when present. */
  readonly message: string | undefined;
}

/**
 * The error an event (or a nested `StreamInfos[i]` item) reports: `ErrorCode`/`ErrorMessage`, or `Code`/`Message`
 * of the AI events (where `Code: "0"` means success and is not an error).
 * @returns `undefined` when no error code is present.
 */
export function vodEventError(record: VodEvent | Fields): VodEventFailure | undefined {
  let code = record.ErrorCode;
  let message = record.ErrorMessage;
  if (typeof code !== 'string' || code.trim() === '') {
    code = record.Code;
    message = record.Message;
    if (typeof code !== 'string' || code.trim() === '' || code.trim() === '0') return undefined;
  }
  return Object.freeze({
    code: (code as string).trim(),
    message: typeof message === 'string' ? message.trim() : undefined,
  });
}

const NUMERIC = /^\s*-?\d+(?:\.\d+)?\s*$/;

/**
 * A numeric field as a number, whether VOD sent a number or a numeric string (`Bitrate`, `Fps`, the
 * `VideoAnalysisComplete` metrics, `UploadByURLComplete.Size`, `DynamicImageJobInfo` sizes; docs/vod-events.md §5.4).
 * @returns `undefined` when absent, not finite, or not numeric text.
 */
export function vodNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  return undefined;
}

/**
 * The URLs of the snapshots of one `SnapshotInfos[]` item: `SnapshotRegular` with `{SnapshotCount}` replaced by the
 * 1-based index zero-padded to 5 digits (`00001` … ), `SnapshotCount` URLs in all (docs/vod-events.md §6.5).
 */
export function vodSnapshotUrls(info: {
  readonly SnapshotRegular: string;
  readonly SnapshotCount: number;
}): string[] {
  const urls: string[] = [];
  const count = Number.isSafeInteger(info.SnapshotCount)
    ? Math.min(Math.max(info.SnapshotCount, 0), 100_000)
    : 0;
  for (let i = 1; i <= count; i++) {
    urls.push(info.SnapshotRegular.replaceAll('{SnapshotCount}', String(i).padStart(5, '0')));
  }
  return urls;
}

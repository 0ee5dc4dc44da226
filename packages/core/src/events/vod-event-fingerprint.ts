import { createHash } from 'node:crypto';
import { vodEventMediaId } from './vod-event-accessors.js';
import type { VodEvent } from './vod-event.js';
import { isVodEventType } from './is-vod-event.js';

/**
 * Fields, beyond the common ones, that tell two distinct events of one type apart when they share media id, job id,
 * status and second (per type; docs/vod-events.md §1.4 plus the type's own discriminators).
 */
const EXTRA_FIELDS: Readonly<Record<string, readonly string[]>> = {
  StreamTranscodeComplete: ['Definition', 'Format'],
  UploadByURLComplete: ['FileType'],
  SnapshotComplete: ['SubType'],
  MediaBaseChangeComplete: ['OperateMode'],
  DeleteMediaComplete: ['DeleteType', 'JobIds'],
  UpdateMediaStorageClassComplete: ['StorageClass'],
};

/** The job-like id of each type (defaults to `JobId`). */
const JOB_FIELD: Readonly<Record<string, string>> = {
  SubmitMediaRefreshComplete: 'MediaRefreshJobId',
  WorkflowTaskComplete: 'TaskId',
  ProduceMediaComplete: 'ProjectId',
};

const SEPARATOR_OR_ESCAPE = /[%|]/g;

/** Escapes `%` and `|` (only), so parts never contain the separator; never throws (unlike encodeURIComponent on lone surrogates). */
function part(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else return '';
  if (text.indexOf('%') === -1 && text.indexOf('|') === -1) return text;
  return text.replace(SEPARATOR_OR_ESCAPE, (c) => (c === '%' ? '%25' : '%7C'));
}

/** JSON with sorted keys, for hashing unknown events; cycles and exotic values degrade to a marker. */
function canonical(value: unknown, depth: number, seen: Set<unknown>): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (depth > 64 || seen.has(value)) return '"[…]"';
  seen.add(value);
  let out: string;
  if (Array.isArray(value)) {
    out = `[${value.map((v) => canonical(v, depth + 1, seen)).join(',')}]`;
  } else {
    const record = value as Record<string, unknown>;
    out = `{${Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(record[k], depth + 1, seen)}`)
      .join(',')}}`;
  }
  seen.delete(value);
  return out;
}

/**
 * A deterministic dedupe key built from the event's content (VOD payloads carry no event id; delivery is
 * at-least-once in both modes, docs/vod-events.md §1.4). Equal for redeliveries of one notification, different for distinct
 * notifications.
 *
 * Format: `EventType|mediaId|jobId|Status|EventTime[|extra…]`, with `%` and `|` inside a part escaped as `%25` / `%7C`
 * (so parts never contain the separator; an absent part is empty). `jobId` is `JobId` (`MediaRefreshJobId` for SubmitMediaRefreshComplete, `TaskId`
 * for WorkflowTaskComplete, `ProjectId` for ProduceMediaComplete). Extras: `Definition`, `Format` for
 * StreamTranscodeComplete; `FileType` for UploadByURLComplete; `SubType` for SnapshotComplete; `OperateMode` for
 * MediaBaseChangeComplete; `DeleteType`, `JobIds` for DeleteMediaComplete; `StorageClass` for
 * UpdateMediaStorageClassComplete. For an `UnknownVodEvent` (whose distinguishing fields are unknown) the extra is
 * `sha256:` + the SHA-256 of its canonical JSON (sorted keys).
 */
export function vodEventFingerprint(event: VodEvent): string {
  const type = event.EventType;
  const parts = [
    part(type),
    part(vodEventMediaId(event)),
    part(event[JOB_FIELD[type] ?? 'JobId']),
    part(event.Status),
    part(event.EventTime),
  ];
  if (isVodEventType(type)) {
    for (const field of EXTRA_FIELDS[type] ?? []) parts.push(part(event[field]));
  } else {
    const digest = createHash('sha256')
      .update(canonical(event, 0, new Set()))
      .digest('base64url');
    parts.push(`sha256:${digest}`);
  }
  return parts.join('|');
}

import {
  parseVodEvent,
  type VodEvent,
  vodEventError,
  vodEventMediaId,
  vodEventStatus,
  vodEventTime,
} from '@vodmns/core';

/** The fields `vodmns tail` shows for one event. */
export interface EventView {
  /** `EventType` as sent. */
  readonly type: string;
  /** Video/media/image id (core's `vodEventMediaId`), or `undefined`. */
  readonly mediaId: string | undefined;
  /** Normalised outcome (core's `vodEventStatus`), or `undefined` when the event has no `Status`. */
  readonly status: 'success' | 'failure' | undefined;
  /** `EventTime` as ISO text, or `undefined`. */
  readonly time: string | undefined;
  /** A few type-specific fields, `key=value` joined by spaces (empty when none). */
  readonly details: string;
}

/** Wire fields worth showing on one line when present (the rest is in `--json`). */
const DETAIL_FIELDS = [
  'Definition',
  'Format',
  'FileType',
  'Size',
  'Duration',
  'JobId',
  'TaskType',
  'StorageClass',
  'Suggestion',
  'AuditStatus',
  'WorkflowId',
] as const;

/** Builds the one-line view of an event. Pure; uses core's accessors for every normalised value. */
export function viewVodEvent(event: VodEvent): EventView {
  const fields = event as Readonly<Record<string, unknown>>;
  const details: string[] = [];
  for (const f of DETAIL_FIELDS) {
    const v = fields[f];
    if (typeof v === 'string' || typeof v === 'number') details.push(`${f}=${truncate(String(v), 40)}`);
  }
  const streams = fields.StreamInfos;
  if (Array.isArray(streams)) {
    const ok = streams.filter(
      (s) => vodEventStatus(s as Readonly<Record<string, unknown>>) === 'success',
    ).length;
    details.push(`streams=${ok}/${streams.length} ok`);
  }
  const error = vodEventError(event);
  if (error !== undefined)
    details.push(
      `error=${error.code}${error.message === undefined ? '' : ` (${truncate(error.message, 60)})`}`,
    );
  return {
    type: event.EventType,
    mediaId: vodEventMediaId(event),
    status: vodEventStatus(event),
    time: vodEventTime(event)?.toISOString(),
    details: details.join(' '),
  };
}

/**
 * One-line summary of a message body: `EventType id status` for a VOD event (parsed with core's
 * `parseVodEvent`, so base64 bodies work too), otherwise the body itself, shortened.
 */
export function describeMessageBody(body: string): string {
  const parsed = parseVodEvent(body);
  if (!parsed.ok) return truncate(body.replace(/\s+/g, ' '), 80);
  const v = viewVodEvent(parsed.value);
  return [v.type, v.mediaId ?? '-', v.status ?? '-', v.details].filter((s) => s !== '').join(' ');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

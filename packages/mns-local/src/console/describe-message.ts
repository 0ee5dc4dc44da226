import {
  parseDeadLetterEnvelope,
  parseVodEvent,
  type VodEvent,
  vodEventError,
  vodEventMediaId,
  vodEventStatus,
  vodEventTime,
} from '@vodmns/core';
import type { MessageSnapshot } from '../engine/queue-engine.js';

/** Most key fields listed per event, and most parse issues listed per message. */
const MAX_FIELDS = 14;
const MAX_ISSUES = 20;
/** Longest field value and preview shown in a list, characters. */
const MAX_VALUE_LENGTH = 160;

/** One key field of an event, as display text. */
export interface EventField {
  readonly name: string;
  readonly value: string;
}

/** A body decoded by core's `parseVodEvent` into a typed VOD event. */
export interface VodEventView {
  readonly kind: 'vod-event';
  readonly eventType: string;
  /** Whether `eventType` is one of core's known types (validated against its schema). */
  readonly known: boolean;
  /** How the body was written: JSON text, or base64 of it. */
  readonly encoding: 'json' | 'base64';
  readonly mediaId: string | undefined;
  /** Normalised outcome (`success` / `failure`), when the event has a `Status`. */
  readonly status: 'success' | 'failure' | undefined;
  /** `EventTime` as ISO-8601. */
  readonly eventTime: string | undefined;
  /** `ErrorCode: ErrorMessage` of a failed event. */
  readonly error: string | undefined;
  readonly fields: readonly EventField[];
}

/** A body that is not a valid VOD event: core's error code and every issue with its path. */
export interface InvalidBodyView {
  readonly kind: 'invalid';
  readonly code: string;
  readonly eventType: string | undefined;
  readonly issues: readonly { readonly path: string; readonly message: string }[];
  /** Issues not listed (beyond the first 20). */
  readonly moreIssues: number;
}

/** A vodmns dead-letter envelope (core's format), with the original body decoded in turn. */
export interface DeadLetterView {
  readonly kind: 'dead-letter';
  readonly sourceQueue: string;
  readonly reason: string;
  readonly error: string;
  readonly originalMessageId: string;
  readonly originalDequeueCount: number;
  /** ISO-8601, when it was dead-lettered (absent if the writer left it out). */
  readonly deadLetteredAt: string | undefined;
  readonly original: VodEventView | InvalidBodyView;
}

/** How the console shows a message body. */
export type DecodedBody = VodEventView | InvalidBodyView | DeadLetterView;

/** One peeked message in a list: its state and counters (read, never changed) and its decoded body. */
export interface MessageSummary {
  readonly id: string;
  readonly state: MessageSnapshot['state'];
  readonly dequeueCount: number;
  readonly priority: number;
  readonly enqueueTime: number;
  readonly firstDequeueTime: number;
  readonly visibleAt: number;
  readonly expiresAt: number;
  /** Body size, bytes of UTF-8. */
  readonly size: number;
  /** The body's first characters. */
  readonly preview: string;
  readonly decoded: DecodedBody;
}

/** A message with every view of its body. */
export interface MessageDetail extends MessageSummary {
  readonly bodyMd5: string;
  /** The body exactly as stored. */
  readonly raw: string;
  /** Base64 of the body's UTF-8 bytes (how it travels with base64-encoding clients). */
  readonly base64: string;
  /** When the body is itself base64 of UTF-8 text: that text. */
  readonly base64Decoded: string | undefined;
  /** The decoded JSON, pretty-printed (the event, or the envelope), when the body is JSON. */
  readonly json: string | undefined;
}

function clip(text: string, max = MAX_VALUE_LENGTH): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function fieldText(value: unknown): string | undefined {
  if (typeof value === 'string') return clip(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const statuses = value
      .map((item) => (typeof item === 'object' && item !== null ? vodEventStatus(item) : undefined))
      .filter((s) => s !== undefined);
    const failed = statuses.filter((s) => s === 'failure').length;
    const detail = statuses.length === 0 ? '' : ` (${statuses.length - failed} success, ${failed} failure)`;
    return `${value.length} item${value.length === 1 ? '' : 's'}${detail}`;
  }
  if (typeof value === 'object' && value !== null) return `{ ${clip(Object.keys(value).join(', '), 80)} }`;
  return undefined;
}

function looksBase64(body: string): boolean {
  const first = body.trimStart().charCodeAt(0);
  return first !== 0x7b && first !== 0x5b;
}

function eventView(event: VodEvent, known: boolean, encoding: VodEventView['encoding']): VodEventView {
  const record = event as unknown as Readonly<Record<string, unknown>>;
  const mediaId = vodEventMediaId(event);
  const failure = vodEventError(event);
  const fields: EventField[] = [];
  for (const [name, value] of Object.entries(record)) {
    if (name === 'EventType' || name === 'EventTime' || fields.length >= MAX_FIELDS) continue;
    const text = fieldText(value);
    if (text !== undefined) fields.push({ name, value: text });
  }
  const time = vodEventTime(event);
  return {
    kind: 'vod-event',
    eventType: event.EventType,
    known,
    encoding,
    mediaId,
    status: vodEventStatus(event),
    eventTime: time === undefined ? undefined : time.toISOString(),
    error:
      failure === undefined
        ? undefined
        : clip([failure.code, failure.message].filter((x) => x !== undefined).join(': ')),
    fields,
  };
}

/** Decodes a body with core's `parseVodEvent`: a typed event view, or the parse issues. */
export function decodeVodBody(body: string, knownTypes: ReadonlySet<string>): VodEventView | InvalidBodyView {
  const parsed = parseVodEvent(body);
  if (parsed.ok) {
    return eventView(
      parsed.value,
      knownTypes.has(parsed.value.EventType),
      looksBase64(body) ? 'base64' : 'json',
    );
  }
  const e = parsed.error;
  return {
    kind: 'invalid',
    code: e.code,
    eventType: e.eventType,
    issues: e.issues.slice(0, MAX_ISSUES).map((i) => ({ path: i.path, message: clip(i.message, 300) })),
    moreIssues: Math.max(0, e.issues.length - MAX_ISSUES),
  };
}

/** Decodes a stored body: a dead-letter envelope (original decoded too), else a VOD event or its issues. */
export function decodeBody(body: string, knownTypes: ReadonlySet<string>): DecodedBody {
  // Only a JSON object carrying the marker is an envelope; everything else is read as an event.
  if (body.includes('"vodmnsDeadLetter"')) {
    const envelope = parseDeadLetterEnvelope(body);
    if (envelope.ok) {
      const v = envelope.value;
      return {
        kind: 'dead-letter',
        sourceQueue: clip(v.sourceQueue),
        reason: clip(v.reason),
        error: clip(v.error, 400),
        originalMessageId: clip(v.messageId),
        originalDequeueCount: v.dequeueCount,
        deadLetteredAt:
          typeof v.deadLetteredAt === 'number' && Number.isFinite(v.deadLetteredAt)
            ? new Date(v.deadLetteredAt).toISOString()
            : undefined,
        original: decodeVodBody(v.body, knownTypes),
      };
    }
  }
  return decodeVodBody(body, knownTypes);
}

/** The list view of a peeked message. */
export function summarizeMessage(m: MessageSnapshot, knownTypes: ReadonlySet<string>): MessageSummary {
  return {
    id: m.id,
    state: m.state,
    dequeueCount: m.dequeueCount,
    priority: m.priority,
    enqueueTime: m.enqueueTime,
    firstDequeueTime: m.firstDequeueTime,
    visibleAt: m.visibleAt,
    expiresAt: m.expiresAt,
    size: Buffer.byteLength(m.body, 'utf8'),
    preview: clip(m.body.replace(/\s+/g, ' '), 200),
    decoded: decodeBody(m.body, knownTypes),
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const BASE64_TEXT = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;

function prettyJson(text: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return undefined;
  }
}

/** Every view of a peeked message. */
export function describeMessage(m: MessageSnapshot, knownTypes: ReadonlySet<string>): MessageDetail {
  let base64Decoded: string | undefined;
  if (m.body.length >= 4 && BASE64_TEXT.test(m.body)) {
    try {
      base64Decoded = utf8.decode(Buffer.from(m.body, 'base64'));
    } catch {
      base64Decoded = undefined;
    }
  }
  return {
    ...summarizeMessage(m, knownTypes),
    bodyMd5: m.bodyMd5,
    raw: m.body,
    base64: Buffer.from(m.body, 'utf8').toString('base64'),
    base64Decoded,
    json: prettyJson(m.body) ?? (base64Decoded === undefined ? undefined : prettyJson(base64Decoded)),
  };
}

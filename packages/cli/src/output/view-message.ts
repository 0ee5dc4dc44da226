import { parseVodEvent, type VodEventIssue } from '@vodmns/core';
import type { DeadLetterEnvelope } from '@vodmns/core';
import { viewVodEvent } from './describe-event.js';

/** Why a body is not a VOD event: core's parse error, as printed (also in `--json`). */
export interface NotVodEventView {
  /** `ERR_VOD_EVENT_…` code from core's `parseVodEvent`. */
  readonly code: string;
  readonly message: string;
  readonly issues: readonly VodEventIssue[];
}

/** A vodmns dead-letter envelope (written by `@vodmns/rx` when it gives up on a message), decoded. */
export interface DeadLetterView {
  readonly sourceQueue: string;
  /** `invalid-body`, `max-deliveries`, … (the consumer's poison reason). */
  readonly reason: string;
  readonly error: string;
  /** The id the message had in the source queue. */
  readonly originalMessageId: string;
  /** Deliveries it had in the source queue. */
  readonly dequeueCount: number;
  /** ISO time it was dead-lettered (consumer clock), or `null`. */
  readonly deadLetteredAt: string | null;
}

/** What a message body is, for display: an event, a dead letter around an event, or neither (and why). */
export interface MessageView {
  /** `EventType`, or `null` when the (inner) body is not a VOD event. */
  readonly type: string | null;
  readonly mediaId: string | null;
  readonly status: 'success' | 'failure' | null;
  /** The parsed event (wire fields), or `null`. */
  readonly event: unknown;
  /** Key fields of the event on one line (empty when none). */
  readonly details: string;
  /** Set when the (inner) body is not a VOD event. */
  readonly notVodEvent?: NotVodEventView;
  /** Set when the body is a vodmns dead-letter envelope; the other fields describe its original body. */
  readonly deadLetter?: DeadLetterView;
}

/** The dead-letter parser of `@vodmns/rx` (passed in: rx and rxjs are loaded only by the commands using them). */
export type DeadLetterParser = (
  text: string,
) => { readonly ok: true; readonly value: DeadLetterEnvelope } | { readonly ok: false };

/** Describes a message body with core's `parseVodEvent` and, when given, rx's dead-letter envelope parser. */
export function viewMessageBody(body: string, parseDeadLetter?: DeadLetterParser): MessageView {
  const envelope = parseDeadLetter?.(body);
  if (envelope?.ok === true) {
    const e = envelope.value;
    return {
      ...viewEvent(e.body),
      deadLetter: {
        sourceQueue: e.sourceQueue,
        reason: e.reason,
        error: e.error,
        originalMessageId: e.messageId,
        dequeueCount: e.dequeueCount,
        deadLetteredAt: Number.isFinite(e.deadLetteredAt) ? new Date(e.deadLetteredAt).toISOString() : null,
      },
    };
  }
  return viewEvent(body);
}

function viewEvent(body: string): MessageView {
  const parsed = parseVodEvent(body);
  if (!parsed.ok) {
    return {
      type: null,
      mediaId: null,
      status: null,
      event: null,
      details: '',
      notVodEvent: { code: parsed.error.code, message: parsed.error.message, issues: parsed.error.issues },
    };
  }
  const v = viewVodEvent(parsed.value);
  return {
    type: v.type,
    mediaId: v.mediaId ?? null,
    status: v.status ?? null,
    event: parsed.value,
    details: v.details,
  };
}

/** One line saying why a body is not a VOD event, e.g. `ERR_VOD_EVENT_INVALID_JSON: …`. */
export function whyNotVodEvent(view: NotVodEventView): string {
  const first = view.issues[0];
  const where =
    first === undefined ? view.message : `${first.path === '' ? '' : `${first.path}: `}${first.message}`;
  const more = view.issues.length > 1 ? ` (+${view.issues.length - 1} more)` : '';
  return `${view.code}: ${where}${more}`.replace(/\s*\n\s*/g, ' ');
}

/** One line describing a dead letter: where from and why. */
export function describeDeadLetter(d: DeadLetterView): string {
  return `dead letter from ${d.sourceQueue} (${d.reason}: ${d.error})`.replace(/\s*\n\s*/g, ' ');
}

import type { KnownVodEvent, VodEvent, VodEventOf } from './vod-event.js';
import { VOD_EVENT_SCHEMAS, type VodEventType } from './vod-event-schemas.js';

const KNOWN = new Set<string>(Object.keys(VOD_EVENT_SCHEMAS));

/** Whether `name` is one of the 22 documented `EventType` names. */
export function isVodEventType(name: unknown): name is VodEventType {
  return typeof name === 'string' && KNOWN.has(name);
}

/**
 * Narrows a parsed event to one known type: `if (isVodEvent(e, 'TranscodeComplete')) e.StreamInfos`.
 * Compares `EventType` only; the event must come from `parseVodEvent` (or a factory) to be validated.
 */
export function isVodEvent<T extends VodEventType>(event: VodEvent, type: T): event is VodEventOf<T> {
  return event.EventType === type;
}

/**
 * Whether the event has one of the 22 documented types (the alternative is an `UnknownVodEvent`). Narrows to
 * {@link KnownVodEvent}, after which `switch (event.EventType)` narrows each case.
 */
export function isKnownVodEvent(event: VodEvent): event is KnownVodEvent {
  return KNOWN.has(event.EventType);
}

import { err, ok, type Result } from '../result.js';

/**
 * What a vodmns consumer sends to a dead-letter queue: the original body verbatim plus the metadata needed to
 * understand and replay it. Sent as JSON text. The format is written here once; `@vodmns/rx` writes it, tools
 * (the mns-local console, the CLI) read it.
 *
 * @typeParam Reason - the reason vocabulary of the writer (`@vodmns/rx` narrows it to its `PoisonReason`).
 */
export interface DeadLetterEnvelope<Reason extends string = string> {
  /** Format marker and version. */
  readonly vodmnsDeadLetter: 1;
  /** The queue the message was consumed from. */
  readonly sourceQueue: string;
  /** Why it was dead-lettered (`@vodmns/rx`: `invalid-body` or `max-deliveries`). */
  readonly reason: Reason;
  /** The error's message (a decode error, or why redelivery was given up). */
  readonly error: string;
  readonly messageId: string;
  readonly dequeueCount: number;
  /** Epoch ms (server clock). */
  readonly enqueueTime: number;
  /** Epoch ms (server clock). */
  readonly firstDequeueTime: number;
  readonly priority: number;
  readonly messageBodyMd5: string;
  /** When it was dead-lettered, epoch ms (consumer clock). */
  readonly deadLetteredAt: number;
  /** The original message body, verbatim. Send it back to the source queue to replay the event. */
  readonly body: string;
}

/** The received message fields an envelope records (a subset of the ports' `ReceivedMessage`). */
export interface DeadLetterSource {
  readonly messageId: string;
  readonly messageBody: string;
  readonly messageBodyMd5: string;
  readonly dequeueCount: number;
  readonly enqueueTime: number;
  readonly firstDequeueTime: number;
  readonly priority: number;
}

/** Longest `error` text kept in an envelope, characters. */
export const DEAD_LETTER_ERROR_MAX_LENGTH = 2000;

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : String(error);
}

/** Builds the dead-letter message text for `message`. */
export function createDeadLetterEnvelope<Reason extends string>(input: {
  readonly sourceQueue: string;
  readonly message: DeadLetterSource;
  readonly reason: Reason;
  readonly error: unknown;
  readonly now: number;
}): string {
  const m = input.message;
  const envelope: DeadLetterEnvelope<Reason> = {
    vodmnsDeadLetter: 1,
    sourceQueue: input.sourceQueue,
    reason: input.reason,
    error: errorText(input.error).slice(0, DEAD_LETTER_ERROR_MAX_LENGTH),
    messageId: m.messageId,
    dequeueCount: m.dequeueCount,
    enqueueTime: m.enqueueTime,
    firstDequeueTime: m.firstDequeueTime,
    priority: m.priority,
    messageBodyMd5: m.messageBodyMd5,
    deadLetteredAt: input.now,
    body: m.messageBody,
  };
  return JSON.stringify(envelope);
}

/**
 * Reads a dead-letter message written by a consumer (e.g. to inspect or replay it). Never throws; the error
 * names what is wrong: not JSON, no `"vodmnsDeadLetter": 1` marker, or the first field of the wrong type.
 */
export function parseDeadLetterEnvelope(text: string): Result<DeadLetterEnvelope, Error> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    return err(new Error(`dead-letter body is not JSON: ${errorText(cause)}`));
  }
  const v = value as Partial<DeadLetterEnvelope> | null;
  if (typeof v !== 'object' || v === null || v.vodmnsDeadLetter !== 1) {
    return err(new Error('dead-letter body has no "vodmnsDeadLetter": 1 marker'));
  }
  for (const [field, type] of [
    ['sourceQueue', 'string'],
    ['reason', 'string'],
    ['error', 'string'],
    ['messageId', 'string'],
    ['dequeueCount', 'number'],
    ['enqueueTime', 'number'],
    ['body', 'string'],
  ] as const) {
    if (typeof v[field] !== type) return err(new Error(`dead-letter field ${field} must be a ${type}`));
  }
  return ok(v as DeadLetterEnvelope);
}

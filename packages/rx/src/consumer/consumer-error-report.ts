import { type Clock, isMnsError, systemClock } from '@vodmns/core';
import type { ConsumerNotice } from './consumer-notice.js';

/** What a {@link ConsumerErrorReport} is about. */
export type ConsumerErrorKind =
  /** The stream failed (an unrecoverable receive error such as `QueueNotExist`): `done` rejects, nothing is consumed. */
  | 'fatal'
  /** A handler threw, rejected or timed out: the message was nacked (or dead-lettered). */
  | 'handler-error'
  /** A poison message was kept because neither `deadLetter` nor `onPoison` is configured: it comes back forever. */
  | 'no-dead-letter'
  /** A poison message could not be dead-lettered (the DLQ send or `onPoison` failed); it is redelivered later. */
  | 'poison-kept'
  /** A receive failed and is retried (network, throttling, 5xx). */
  | 'poll-error'
  /** A delete or visibility change failed for good: the message will be delivered again. */
  | 'ack-failed'
  /** A lease was lost while the message was unsettled: it will be delivered again. */
  | 'lease-lost'
  /** The idempotency store failed: duplicates may run twice. */
  | 'idempotency-error';

/** One failure worth a human's attention, as given to the `onError` option. */
export interface ConsumerErrorReport {
  readonly kind: ConsumerErrorKind;
  /** `error`: work was lost or stopped; `warning`: retried or redelivered, but someone should look. */
  readonly severity: 'error' | 'warning';
  readonly queueName: string;
  /** One line, no secrets, no message bodies, e.g. `queue "vod-events": handler failed for message 5F2A…: …`. */
  readonly message: string;
  /** The underlying error (an `MnsError`, the handler's rejection, …), if any. */
  readonly error?: unknown;
  /** The notice this report was made from (absent for `fatal`). */
  readonly notice?: ConsumerNotice;
}

/** Receives every {@link ConsumerErrorReport} of a consumer. Must not throw (a throw is written to stderr). */
export type ConsumerErrorReporter = (report: ConsumerErrorReport) => void;

/** Options of {@link createStderrReporter}. */
export interface StderrReporterOptions {
  /**
   * After the first report of a kind, at most one more line of that kind per interval, ms; the ones in between
   * are counted and the count is shown on the next line. 0 prints every report. @defaultValue 60000
   */
  readonly intervalMs?: number;
  /** Where lines go. @defaultValue `process.stderr.write` */
  readonly write?: (line: string) => void;
  /** Time source of the rate limit. @defaultValue systemClock */
  readonly clock?: Clock;
}

/** Longest text taken from an error for a report line (handlers can throw anything, of any size). */
const MAX_ERROR_TEXT = 300;

/** `code: message` of an error on one line, capped; `MnsError`s already carry operation, status and requestId. */
export function describeError(error: unknown): string {
  let text: string;
  if (error instanceof Error) {
    const code = isMnsError(error) ? error.code : (error as { code?: unknown }).code;
    const name = typeof code === 'string' && !error.message.includes(code) ? code : error.name;
    text = `${name}: ${error.message}`;
  } else if (typeof error === 'object' && error !== null) {
    // Not serialised whole: a plain object may hold anything (a batch-delete failure holds a receipt handle).
    const o = error as { errorCode?: unknown; errorMessage?: unknown; code?: unknown; message?: unknown };
    const code = o.errorCode ?? o.code;
    const message = o.errorMessage ?? o.message;
    text =
      typeof code === 'string' || typeof message === 'string'
        ? [code, message].filter((x) => typeof x === 'string').join(': ')
        : Object.prototype.toString.call(error);
  } else {
    text = String(error);
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}…` : text;
}

/**
 * The default `onError`: one line per report on stderr, prefixed `vodmns:`. The first report of each kind is
 * written at once; after that at most one line per kind per `intervalMs`, carrying how many were left out —
 * a handler failing 1,000 times a second writes one line a minute, not 1,000 a second. No timers (nothing keeps
 * the process alive): a count left over is shown with the next report of its kind.
 */
export function createStderrReporter(options: StderrReporterOptions = {}): ConsumerErrorReporter {
  const intervalMs = options.intervalMs ?? 60_000;
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const clock = options.clock ?? systemClock;
  const kinds = new Map<ConsumerErrorKind, { lastAt: number; suppressed: number }>();
  return (report) => {
    const now = clock.now();
    const seen = kinds.get(report.kind);
    if (seen !== undefined && now - seen.lastAt < intervalMs) {
      seen.suppressed += 1;
      return;
    }
    const more =
      seen !== undefined && seen.suppressed > 0
        ? ` (+${seen.suppressed} more ${report.kind} since the last line)`
        : '';
    const hint =
      seen === undefined && intervalMs > 0 && report.kind !== 'fatal'
        ? ` [${report.kind}: further ones at most once per ${Math.round(intervalMs / 1000)} s; pass onError to handle them yourself]`
        : '';
    kinds.set(report.kind, { lastAt: now, suppressed: 0 });
    write(`vodmns: ${report.severity}: ${report.message}${more}${hint}\n`);
  };
}

const HANDLER_RESULT_TEXT: Readonly<
  Record<Extract<ConsumerNotice, { type: 'handler-error' }>['result'], string>
> = {
  nacked: 'nacked, redelivered after the retry delay',
  'timed-out': 'timed out, nacked, redelivered after the retry delay',
  'dead-lettered': 'the redelivery policy gave up: dead-lettered',
  'settle-failed': 'not settled: redelivered when its visibility ends',
  'lease-lost': 'its lease was lost: the queue redelivers it',
  stopped: 'the consumer stopped: released',
};

/** The report a notice deserves, or `undefined` for notices that are routine (duplicates, dead-lettered poison). */
export function reportOfNotice(
  notice: ConsumerNotice,
  queueName: string,
  noDeadLetter: boolean,
): ConsumerErrorReport | undefined {
  const q = `queue ${JSON.stringify(queueName)}`;
  const base = { queueName, notice };
  const err = (n: { error?: unknown }) => (n.error === undefined ? {} : { error: n.error });
  const why = (n: { error?: unknown }) => (n.error === undefined ? '' : `: ${describeError(n.error)}`);
  switch (notice.type) {
    case 'handler-error':
      return {
        ...base,
        ...err(notice),
        kind: 'handler-error',
        severity: 'error',
        message: `${q}: handler failed for message ${notice.messageId} (${notice.eventType ?? 'event'}, delivery ${notice.dequeueCount}; ${HANDLER_RESULT_TEXT[notice.result]})${why(notice)}`,
      };
    case 'poison':
      if (notice.action !== 'kept') return undefined;
      if (noDeadLetter) {
        return {
          ...base,
          ...err(notice),
          kind: 'no-dead-letter',
          severity: 'warning',
          message:
            `${q}: poison message ${notice.messageId} (${notice.reason}) kept in the queue because neither deadLetter nor ` +
            'onPoison is configured: it will be received again after every visibility timeout, forever (counted in ' +
            'metrics.poisonNoDeadLetter). Configure deadLetter: { queueName } to move such messages aside',
        };
      }
      return {
        ...base,
        ...err(notice),
        kind: 'poison-kept',
        severity: 'warning',
        message: `${q}: poison message ${notice.messageId} (${notice.reason}) could not be dead-lettered and stays in the queue${why(notice)}`,
      };
    case 'poll-error':
      return {
        ...base,
        ...err(notice),
        kind: 'poll-error',
        severity: 'warning',
        message: `${q}: receive failed (attempt ${notice.attempt}, retrying in ${notice.retryInMs} ms)${why(notice)}`,
      };
    case 'ack-failed':
      return {
        ...base,
        ...err(notice),
        kind: 'ack-failed',
        severity: 'warning',
        message: `${q}: ${notice.operation} of message ${notice.messageId} failed (${notice.code}); the queue will deliver it again${why(notice)}`,
      };
    case 'lease-lost':
      return {
        ...base,
        ...err(notice),
        kind: 'lease-lost',
        severity: 'warning',
        message: `${q}: lease of message ${notice.messageId} lost (${notice.reason}); its handler was aborted and the queue will deliver it again${why(notice)}`,
      };
    case 'idempotency-error':
      return {
        ...base,
        ...err(notice),
        kind: 'idempotency-error',
        severity: 'warning',
        message: `${q}: idempotency store failed for message ${notice.messageId}; handled without duplicate check${why(notice)}`,
      };
    default:
      return undefined;
  }
}

/** Calls `reporter`, never letting it throw into the consumer (a throwing reporter is itself reported on stderr). */
export function safeReport(reporter: ConsumerErrorReporter, report: ConsumerErrorReport): void {
  try {
    reporter(report);
  } catch (error) {
    process.stderr.write(`vodmns: error: the onError option threw: ${describeError(error)}\n`);
  }
}

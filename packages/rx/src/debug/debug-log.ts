import { isDebugEnabled, type QueuePort } from '@vodmns/core';
import { describeError } from '../consumer/consumer-error-report.js';
import type { ConsumerNotice } from '../consumer/consumer-notice.js';

/** Writes one debug line. */
export type DebugLog = (line: string) => void;

/**
 * The debug writer of `namespace` when `DEBUG` / `NODE_DEBUG` turn it on (read once, now), else `undefined` — so
 * a disabled log costs one `if`. Lines go to stderr as `<namespace> <line>`.
 */
export function createDebugLog(
  namespace: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): DebugLog | undefined {
  if (!isDebugEnabled(namespace, env)) return undefined;
  return (line) => void process.stderr.write(`${namespace} ${line}\n`);
}

/** A notice as one debug line: its fields, the error as `code: message` (no bodies, no receipt handles). */
export function formatNotice(notice: ConsumerNotice): string {
  const parts: string[] = [`notice ${notice.type}`];
  for (const [k, v] of Object.entries(notice)) {
    if (k === 'type' || v === undefined) continue;
    parts.push(k === 'error' ? `error=${JSON.stringify(describeError(v))}` : `${k}=${String(v)}`);
  }
  return parts.join(' ');
}

/**
 * Wraps `port` so that every call writes one line (operation, queue, counts, outcome, duration) to `log`. Inputs
 * that carry receipt handles or bodies are summarised (how many, how big), never written.
 */
export function debugQueuePort(port: QueuePort, log: DebugLog): QueuePort {
  const timed = async <R>(what: string, call: () => Promise<R>, outcome: (r: R) => string): Promise<R> => {
    const started = performance.now();
    const ms = (): string => `${(performance.now() - started).toFixed(1)}ms`;
    try {
      const r = await call();
      log(`${what} -> ${outcome(r)} ${ms()}`);
      return r;
    } catch (error) {
      log(`${what} -> failed ${JSON.stringify(describeError(error))} ${ms()}`);
      throw error;
    }
  };
  return {
    batchReceiveMessage: (input) =>
      timed(
        `receive ${input.queueName} max=${input.numOfMessages ?? 16} wait=${input.waitSeconds ?? 0}s`,
        () => port.batchReceiveMessage(input),
        (r) =>
          `${r.length} message(s)${r.length > 0 ? ` [${r.map((m) => `${m.messageId}#${m.dequeueCount}`).join(' ')}]` : ''}`,
      ),
    batchDeleteMessage: (input) =>
      timed(
        `delete ${input.queueName} handles=${input.receiptHandles.length}`,
        () => port.batchDeleteMessage(input),
        (r) =>
          r.failed.length === 0
            ? 'ok'
            : `${r.failed.length} failed (${[...new Set(r.failed.map((f) => f.errorCode))].join(',')})`,
      ),
    changeMessageVisibility: (input) =>
      timed(
        `visibility ${input.queueName} ${input.visibilityTimeoutSeconds}s`,
        () => port.changeMessageVisibility(input),
        () => 'ok',
      ),
    sendMessage: (input) =>
      timed(
        `send ${input.queueName} bytes=${Buffer.byteLength(input.messageBody, 'utf8')}`,
        () => port.sendMessage(input),
        (r) => `messageId=${r.messageId}`,
      ),
  };
}

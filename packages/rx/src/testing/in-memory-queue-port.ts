import { hash, randomBytes } from 'node:crypto';
import {
  type BatchDeleteFailure,
  type BatchDeleteMessageInput,
  type BatchDeleteMessageOutput,
  type BatchReceiveMessageInput,
  type ChangeMessageVisibilityInput,
  type ChangeMessageVisibilityOutput,
  type Clock,
  isInMnsRange,
  MNS_LIMITS,
  MnsAbortError,
  MnsServiceError,
  type QueuePort,
  type ReceivedMessage,
  type SendMessageInput,
  type SendMessageOutput,
  sleep,
  systemClock,
} from '@vodmns/core';

/** The four port operations, by name. */
export type QueuePortOperation =
  | 'batchReceiveMessage'
  | 'batchDeleteMessage'
  | 'changeMessageVisibility'
  | 'sendMessage';

/** Per-queue settings of the fake, like MNS queue attributes. */
export interface InMemoryQueueOptions {
  /** Seconds a received message stays invisible, 1–43200. @defaultValue 30 */
  readonly visibilityTimeoutSeconds?: number;
  /** Long-poll wait used when a receive gives no `waitSeconds`, 0–30. @defaultValue 0 */
  readonly pollingWaitSeconds?: number;
}

/** Options of {@link InMemoryQueuePort}. */
export interface InMemoryQueuePortOptions {
  /** Time source for visibility, delays and long polls. @defaultValue systemClock */
  readonly clock?: Clock;
  /** Queues that exist from the start (more with {@link InMemoryQueuePort.createQueue}). @defaultValue [] */
  readonly queues?: readonly string[];
}

/** A failure rule: return an error to make the call fail, `undefined` to let it through. */
export type FailureRule = (input: Readonly<Record<string, unknown>>) => Error | undefined;

/** A message stored by the fake, as inspection returns it. */
export interface StoredMessage {
  readonly messageId: string;
  readonly messageBody: string;
  readonly enqueueTime: number;
  readonly firstDequeueTime: number;
  readonly dequeueCount: number;
  readonly priority: number;
  /** When it becomes (or became) receivable, ms. */
  readonly visibleAt: number;
  /** The only receipt handle currently accepted, or `undefined` before the first receive. */
  readonly receiptHandle: string | undefined;
}

/** A recorded call (the `signal` left out). */
export interface RecordedCall {
  readonly operation: QueuePortOperation;
  readonly at: number;
  readonly input: Readonly<Record<string, unknown>>;
}

interface Stored {
  messageId: string;
  messageBody: string;
  messageBodyMd5: string;
  enqueueTime: number;
  firstDequeueTime: number;
  dequeueCount: number;
  priority: number;
  visibleAt: number;
  receiptHandle: string | undefined;
  seq: number;
}

interface Queue {
  readonly name: string;
  readonly visibilityTimeoutSeconds: number;
  readonly pollingWaitSeconds: number;
  readonly messages: Map<string, Stored>;
  readonly byHandle: Map<string, Stored>;
}

interface Waiter {
  readonly queue: Queue;
  readonly wake: () => void;
}

/**
 * An in-memory {@link QueuePort} with MNS semantics, for tests of code built on `@vodmns/rx`: visibility timeouts,
 * a new receipt handle on every receive and every visibility change (older handles are rejected with
 * `MessageNotExist`), `DequeueCount`, long polling that wakes on send, abort signals, and an injectable clock.
 * Failures, latency and duplicate deliveries can be injected.
 */
export class InMemoryQueuePort implements QueuePort {
  readonly #clock: Clock;
  readonly #queues = new Map<string, Queue>();
  readonly #failures = new Map<QueuePortOperation, FailureRule[]>();
  readonly #latencyMs = new Map<QueuePortOperation, number>();
  readonly #waiters = new Set<Waiter>();
  #seq = 0;
  #receiving = 0;
  #peakReceiving = 0;
  // Random per port, made once: ids and handles are unique by the counter; per-call randomBytes cost more than the
  // rest of a receive (it dominated the runtime-only benchmark).
  readonly #idPrefix = randomBytes(8).toString('hex').toUpperCase();
  readonly #handleSuffix = randomBytes(8).toString('hex');
  /** Every call made, in order (bounded to the last 100,000). */
  readonly calls: RecordedCall[] = [];

  constructor(options: InMemoryQueuePortOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    for (const q of options.queues ?? []) this.createQueue(q);
  }

  /** Creates (or replaces the settings of an empty) queue. */
  createQueue(name: string, options: InMemoryQueueOptions = {}): void {
    this.#queues.set(name, {
      name,
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 30,
      pollingWaitSeconds: options.pollingWaitSeconds ?? 0,
      messages: new Map(),
      byHandle: new Map(),
    });
  }

  /** Deletes a queue; later calls naming it fail with `QueueNotExist`. */
  deleteQueue(name: string): void {
    this.#queues.delete(name);
    for (const w of this.#waiters) if (w.queue.name === name) w.wake();
  }

  /**
   * Makes calls of `operation` fail. `error` is returned by a rule for each call (return `undefined` to pass) or is
   * a fixed error used for the next `times` calls.
   */
  failWith(operation: QueuePortOperation, error: Error | FailureRule, times = 1): void {
    let rule: FailureRule;
    if (typeof error === 'function') rule = error;
    else {
      let left = times;
      rule = () => {
        if (left <= 0) return undefined;
        left -= 1;
        return error;
      };
    }
    const rules = this.#failures.get(operation) ?? [];
    rules.push(rule);
    this.#failures.set(operation, rules);
  }

  /** Removes every failure rule. */
  clearFailures(): void {
    this.#failures.clear();
  }

  /** Adds `ms` of clock time before each call of `operation` completes (0 removes it). */
  setLatency(operation: QueuePortOperation, ms: number): void {
    this.#latencyMs.set(operation, ms);
  }

  /**
   * Simulates a doubly-delivered event: enqueues a copy of a stored message's body as a new message (new
   * MessageId), as a producer retry or VOD's own retry would.
   * @returns the new MessageId.
   */
  duplicate(queueName: string, messageId: string): string {
    const q = this.#queue(queueName, 'POST');
    const m = q.messages.get(messageId);
    if (!m) throw new Error(`InMemoryQueuePort.duplicate: no message ${messageId} in ${queueName}`);
    return this.#enqueue(q, m.messageBody, 0, m.priority).messageId;
  }

  /** Makes an in-flight message visible now and invalidates its handle, as if its visibility timeout ran out. */
  expireVisibility(queueName: string, messageId: string): void {
    const q = this.#queue(queueName, 'PUT');
    const m = q.messages.get(messageId);
    if (!m) return;
    if (m.receiptHandle) q.byHandle.delete(m.receiptHandle);
    m.receiptHandle = undefined;
    m.visibleAt = this.#clock.now();
    this.#wake(q);
  }

  /** Every stored (undeleted) message of a queue, in send order. */
  messages(queueName: string): StoredMessage[] {
    const q = this.#queue(queueName, 'GET');
    return [...q.messages.values()].map((m) => ({
      messageId: m.messageId,
      messageBody: m.messageBody,
      enqueueTime: m.enqueueTime,
      firstDequeueTime: m.firstDequeueTime,
      dequeueCount: m.dequeueCount,
      priority: m.priority,
      visibleAt: m.visibleAt,
      receiptHandle: this.#currentHandle(m),
    }));
  }

  /** Counts of a queue's messages: receivable now, invisible (received or delayed), total. */
  stats(queueName: string): { visible: number; invisible: number; total: number } {
    const q = this.#queue(queueName, 'GET');
    const now = this.#clock.now();
    let visible = 0;
    for (const m of q.messages.values()) if (m.visibleAt <= now) visible += 1;
    return { visible, invisible: q.messages.size - visible, total: q.messages.size };
  }

  /** BatchReceiveMessage calls started and not yet answered (injected latency and long-poll waits included). */
  get receivesInFlight(): number {
    return this.#receiving;
  }

  /** The most BatchReceiveMessage calls in flight at once since creation or {@link resetPeakReceivesInFlight}. */
  get peakReceivesInFlight(): number {
    return this.#peakReceiving;
  }

  /** Starts a new peak measurement from the receives in flight now. */
  resetPeakReceivesInFlight(): void {
    this.#peakReceiving = this.#receiving;
  }

  /** Calls of one operation. */
  callsOf(operation: QueuePortOperation): RecordedCall[] {
    return this.calls.filter((c) => c.operation === operation);
  }

  async sendMessage(input: SendMessageInput): Promise<SendMessageOutput> {
    await this.#enter('sendMessage', input);
    const q = this.#queue(input.queueName, 'POST');
    const m = this.#enqueue(q, input.messageBody, input.delaySeconds ?? 0, input.priority ?? 8);
    return { messageId: m.messageId, messageBodyMd5: m.messageBodyMd5 };
  }

  async batchReceiveMessage(input: BatchReceiveMessageInput): Promise<readonly ReceivedMessage[]> {
    this.#receiving += 1;
    if (this.#receiving > this.#peakReceiving) this.#peakReceiving = this.#receiving;
    try {
      return await this.#receive(input);
    } finally {
      this.#receiving -= 1;
    }
  }

  async #receive(input: BatchReceiveMessageInput): Promise<readonly ReceivedMessage[]> {
    await this.#enter('batchReceiveMessage', input);
    const q = this.#queue(input.queueName, 'GET');
    if (!isInMnsRange(input.numOfMessages, MNS_LIMITS.batchSize)) {
      throw serviceInvalidArgument('numOfMessages', input.numOfMessages);
    }
    const waitSeconds = input.waitSeconds ?? q.pollingWaitSeconds;
    const deadline = this.#clock.now() + waitSeconds * 1000;
    for (;;) {
      if (!this.#queues.has(q.name)) throw this.#queueNotExist(q.name, 'GET');
      const got = this.#take(q, input.numOfMessages);
      if (got.length > 0 || this.#clock.now() >= deadline) return got;
      await this.#waitForMessages(q, deadline, input.signal);
    }
  }

  async batchDeleteMessage(input: BatchDeleteMessageInput): Promise<BatchDeleteMessageOutput> {
    await this.#enter('batchDeleteMessage', input);
    const q = this.#queue(input.queueName, 'DELETE');
    if (!isInMnsRange(input.receiptHandles.length, MNS_LIMITS.batchSize)) {
      throw serviceInvalidArgument('receiptHandles', input.receiptHandles.length);
    }
    const failed: BatchDeleteFailure[] = [];
    for (const handle of input.receiptHandles) {
      const m = this.#byValidHandle(q, handle);
      if (!m) {
        failed.push({
          receiptHandle: handle,
          errorCode: 'MessageNotExist',
          errorMessage: 'Message not exist.',
        });
        continue;
      }
      q.byHandle.delete(handle);
      q.messages.delete(m.messageId);
    }
    return { failed };
  }

  async changeMessageVisibility(input: ChangeMessageVisibilityInput): Promise<ChangeMessageVisibilityOutput> {
    await this.#enter('changeMessageVisibility', input);
    const q = this.#queue(input.queueName, 'PUT');
    const t = input.visibilityTimeoutSeconds;
    if (!isInMnsRange(t, MNS_LIMITS.visibilityTimeoutSeconds))
      throw serviceInvalidArgument('visibilityTimeoutSeconds', t);
    const m = this.#byValidHandle(q, input.receiptHandle);
    if (!m) {
      throw new MnsServiceError({
        code: 'MessageNotExist',
        message: 'Message not exist.',
        fault: 'client',
        status: 404,
        operation: `PUT /queues/${q.name}/messages`,
      });
    }
    q.byHandle.delete(input.receiptHandle);
    const handle = this.#newHandle();
    m.receiptHandle = handle;
    q.byHandle.set(handle, m);
    m.visibleAt = this.#clock.now() + t * 1000;
    this.#scheduleWake(q, m.visibleAt);
    return { receiptHandle: handle, nextVisibleTime: m.visibleAt };
  }

  async #enter(operation: QueuePortOperation, input: object): Promise<void> {
    const { signal, ...rest } = input as { signal?: AbortSignal };
    this.calls.push({ operation, at: this.#clock.now(), input: rest });
    if (this.calls.length > 100_000) this.calls.splice(0, this.calls.length - 100_000);
    const latency = this.#latencyMs.get(operation) ?? 0;
    if (latency > 0) {
      await sleep(this.#clock, latency);
    }
    if (signal?.aborted) throw aborted(operation);
    for (const rule of this.#failures.get(operation) ?? []) {
      const error = rule(rest);
      if (error) throw error;
    }
  }

  #queue(name: string, method: string): Queue {
    const q = this.#queues.get(name);
    if (!q) throw this.#queueNotExist(name, method);
    return q;
  }

  #queueNotExist(name: string, method: string): MnsServiceError {
    return new MnsServiceError({
      code: 'QueueNotExist',
      message: 'The queue name you provided is not exist.',
      fault: 'client',
      status: 404,
      operation: `${method} /queues/${name}/messages`,
    });
  }

  #enqueue(q: Queue, body: string, delaySeconds: number, priority: number): Stored {
    const now = this.#clock.now();
    const seq = this.#seq++;
    const m: Stored = {
      messageId: this.#idPrefix + seq.toString(16).toUpperCase().padStart(16, '0'),
      messageBody: body,
      messageBodyMd5: hash('md5', body, 'hex').toUpperCase(),
      enqueueTime: now,
      firstDequeueTime: now,
      dequeueCount: 0,
      priority,
      visibleAt: now + delaySeconds * 1000,
      receiptHandle: undefined,
      seq,
    };
    q.messages.set(m.messageId, m);
    if (delaySeconds > 0) this.#scheduleWake(q, m.visibleAt);
    else this.#wake(q);
    return m;
  }

  #take(q: Queue, n: number): ReceivedMessage[] {
    const now = this.#clock.now();
    // The n best receivable messages (priority, then visible-since, then send order), by partial selection.
    const before = (a: Stored, b: Stored): boolean =>
      a.priority - b.priority < 0 ||
      (a.priority === b.priority &&
        (a.visibleAt < b.visibleAt || (a.visibleAt === b.visibleAt && a.seq < b.seq)));
    const ready: Stored[] = [];
    for (const m of q.messages.values()) {
      if (m.visibleAt > now) continue;
      const last = ready[ready.length - 1];
      if (ready.length === n && last !== undefined && !before(m, last)) continue;
      let i = ready.length;
      while (i > 0 && before(m, ready[i - 1] as Stored)) i -= 1;
      ready.splice(i, 0, m);
      if (ready.length > n) ready.pop();
    }
    const out: ReceivedMessage[] = [];
    for (const m of ready) {
      if (m.receiptHandle) q.byHandle.delete(m.receiptHandle);
      m.dequeueCount += 1;
      if (m.dequeueCount === 1) m.firstDequeueTime = now;
      m.receiptHandle = this.#newHandle();
      q.byHandle.set(m.receiptHandle, m);
      m.visibleAt = now + q.visibilityTimeoutSeconds * 1000;
      this.#scheduleWake(q, m.visibleAt);
      out.push({
        messageId: m.messageId,
        receiptHandle: m.receiptHandle,
        messageBody: m.messageBody,
        messageBodyMd5: m.messageBodyMd5,
        enqueueTime: m.enqueueTime,
        firstDequeueTime: m.firstDequeueTime,
        nextVisibleTime: m.visibleAt,
        dequeueCount: m.dequeueCount,
        priority: m.priority,
      });
    }
    return out;
  }

  /** A handle is valid while it is the message's newest one and the message is still invisible. */
  #byValidHandle(q: Queue, handle: string): Stored | undefined {
    const m = q.byHandle.get(handle);
    if (!m || m.receiptHandle !== handle) return undefined;
    if (m.visibleAt <= this.#clock.now()) return undefined;
    return m;
  }

  #currentHandle(m: Stored): string | undefined {
    return m.receiptHandle !== undefined && m.visibleAt > this.#clock.now() ? m.receiptHandle : undefined;
  }

  #newHandle(): string {
    return `${(this.#seq++).toString(36)}-${this.#handleSuffix}`;
  }

  #waitForMessages(q: Queue, deadline: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(aborted('batchReceiveMessage'));
        return;
      }
      const done = (): void => {
        timer.cancel();
        this.#waiters.delete(waiter);
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        queue: q,
        wake: () => {
          done();
          resolve();
        },
      };
      const onAbort = (): void => {
        done();
        reject(aborted('batchReceiveMessage'));
      };
      const now = this.#clock.now();
      let wakeAt = deadline;
      for (const m of q.messages.values())
        if (m.visibleAt > now && m.visibleAt < wakeAt) wakeAt = m.visibleAt;
      const timer = this.#clock.setTimer(wakeAt, waiter.wake);
      this.#waiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #wake(q: Queue): void {
    for (const w of [...this.#waiters]) if (w.queue === q) w.wake();
  }

  /** Re-arms waiting long polls of `q` so that they also wake when a message becomes visible at `at`. */
  #scheduleWake(q: Queue, _at: number): void {
    if (this.#waiters.size > 0) this.#wake(q);
  }
}

/** What the service answers for an out-of-range value: a 400 `InvalidArgument` service error (not a client check). */
function serviceInvalidArgument(field: string, value: unknown): MnsServiceError {
  return new MnsServiceError({
    code: 'InvalidArgument',
    message: `${field} is invalid: ${String(value)}`,
    fault: 'client',
    status: 400,
  });
}

function aborted(operation: string): MnsAbortError {
  return new MnsAbortError({ message: `${operation} aborted`, fault: 'client' });
}

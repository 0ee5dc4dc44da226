import { randomBytes } from 'node:crypto';
import { type Clock, type ClockTimer, MNS_LIMITS } from '@vodmns/core';
import { MnsServiceFailure } from '../protocol/mns-service-error.js';
import type { MessageView, QueueAttributesView, ReceivedView } from '../protocol/response-xml.js';
import { bodyMd5 } from './body-md5.js';
import { IndexedHeap } from './indexed-heap.js';
import type { Persistence, PersistedMessage } from './persistence.js';
import { DEFAULT_QUEUE_ATTRIBUTES, type QueueAttributes, sameAttributes } from './queue-attributes.js';

/** The fields of a persisted message that change while it is held. */
type ChangingField = 'firstDequeueTime' | 'dequeueCount' | 'visibleAt' | 'delayed' | 'receiptHandle';

/**
 * A message held by the engine: its persisted row (the fields that change writable) plus its slots in the
 * queue's indexed heaps. Times in Unix ms.
 */
type StoredMessage = Omit<PersistedMessage, ChangingField> & {
  -readonly [K in ChangingField]: PersistedMessage[K];
} & {
  readySlot: number;
  pendingSlot: number;
  retentionSlot: number;
  /**
   * Handles of the current delivery superseded by ChangeMessageVisibility, still accepted in the `'accept'`
   * mode of {@link QueueEngineOptions.staleHandleAfterVisibilityChange} (in memory only; newest last).
   */
  superseded: string[] | undefined;
};

/** Fidelity switches of the engine (docs/mns-protocol.md §13). */
export interface QueueEngineOptions {
  /**
   * Long polls held at once per queue. A receive with a wait beyond the cap is answered at once with nothing
   * (the live service does not hold it and answers `MessageNotExist`). @defaultValue Infinity
   */
  readonly maxLongPollsPerQueue?: number | undefined;
  /**
   * Whether a receipt handle superseded by ChangeMessageVisibility still works until the message becomes
   * visible again (`'accept'`, the newest live-service evidence) or is `MessageNotExist` (`'reject'`).
   * @defaultValue 'accept'
   */
  readonly staleHandleAfterVisibilityChange?: 'accept' | 'reject' | undefined;
}

/** Superseded handles kept per delivery in the `'accept'` mode; older ones are rejected. */
const MAX_SUPERSEDED_HANDLES = 64;

interface Waiter {
  readonly n: number;
  readonly signal: AbortSignal | undefined;
  settle(result: ReceivedView[] | MnsServiceFailure): void;
}

interface QueueState {
  readonly name: string;
  attributes: QueueAttributes;
  readonly createTime: number;
  lastModifyTime: number;
  readonly messages: Map<string, StoredMessage>;
  /** Active messages by (priority, visible-since, seq). */
  readonly ready: IndexedHeap<StoredMessage>;
  /** Delayed and Inactive messages by visibleAt. */
  readonly pending: IndexedHeap<StoredMessage>;
  /** Every message by expiry. */
  readonly retention: IndexedHeap<StoredMessage>;
  delayedCount: number;
  /** Long-poll waiters in arrival order (FIFO). */
  readonly waiters: Set<Waiter>;
  wake: { at: number; timer: ClockTimer } | undefined;
}

/** One message to send. */
export interface SendEntry {
  readonly body: string;
  /** Overrides the queue's DelaySeconds when given. */
  readonly delaySeconds?: number | undefined;
  /** 1–16. @defaultValue 8 */
  readonly priority?: number | undefined;
}

/** Result of a send: id, MD5, and the handle of a delayed message. */
export interface SendResult {
  readonly id: string;
  readonly bodyMd5: string;
  readonly receiptHandle: string | undefined;
}

/** A message as seen by the admin API, with its state. */
export interface MessageSnapshot extends MessageView {
  readonly state: 'active' | 'inactive' | 'delayed';
  /** Unix ms when the message becomes (or became) Active. */
  readonly visibleAt: number;
  readonly expiresAt: number;
}

/** Outcome of a batch delete entry that failed. */
export interface DeleteFailure {
  readonly receiptHandle: string;
  readonly error: MnsServiceFailure;
}

const HANDLE = /^([0-9A-F]{32})-[0-9a-z]{1,13}-[0-9a-z]{8}$/;

const readyLess = (a: StoredMessage, b: StoredMessage): boolean =>
  a.priority !== b.priority
    ? a.priority < b.priority
    : a.visibleAt !== b.visibleAt
      ? a.visibleAt < b.visibleAt
      : a.seq < b.seq;
const pendingLess = (a: StoredMessage, b: StoredMessage): boolean =>
  a.visibleAt !== b.visibleAt ? a.visibleAt < b.visibleAt : a.seq < b.seq;
const retentionLess = (a: StoredMessage, b: StoredMessage): boolean =>
  a.expiresAt !== b.expiresAt ? a.expiresAt < b.expiresAt : a.seq < b.seq;

function toPersisted(m: StoredMessage): PersistedMessage {
  return m;
}

/**
 * The queue semantics of MNS, independent of HTTP: queues, messages, visibility, delays, priorities,
 * retention, receipt handles and event-driven long polling. All operations are O(log n) per message
 * (indexed heaps per queue). Time comes from the injected {@link Clock}; durable state goes through
 * {@link Persistence} before an operation returns.
 */
export class QueueEngine {
  readonly #clock: Clock;
  readonly #persistence: Persistence | undefined;
  readonly #queues = new Map<string, QueueState>();
  readonly #idPrefix = randomBytes(8).toString('hex').toUpperCase();
  #idCounter = 0;
  #seq = 0;
  #handleCounter = 0;
  #closed = false;
  #draining = false;
  readonly #maxLongPolls: number;
  readonly #acceptSuperseded: boolean;
  #cappedReceives = 0;

  constructor(clock: Clock, persistence?: Persistence, options: QueueEngineOptions = {}) {
    this.#clock = clock;
    this.#persistence = persistence;
    this.#maxLongPolls = options.maxLongPollsPerQueue ?? Number.POSITIVE_INFINITY;
    this.#acceptSuperseded = (options.staleHandleAfterVisibilityChange ?? 'accept') === 'accept';
    if (persistence !== undefined) this.#load(persistence);
  }

  #load(p: Persistence): void {
    for (const pq of p.loadQueues()) {
      const q = this.#newQueue(pq.name, pq.attributes, pq.createTime, pq.lastModifyTime);
      for (const pm of p.loadMessages(pq.name)) {
        const m: StoredMessage = {
          ...pm,
          readySlot: -1,
          pendingSlot: -1,
          retentionSlot: -1,
          superseded: undefined,
        };
        if (m.seq >= this.#seq) this.#seq = m.seq + 1;
        this.#insert(q, m);
      }
    }
  }

  #newQueue(
    name: string,
    attributes: QueueAttributes,
    createTime: number,
    lastModifyTime: number,
  ): QueueState {
    const q: QueueState = {
      name,
      attributes,
      createTime,
      lastModifyTime,
      messages: new Map(),
      ready: new IndexedHeap(
        readyLess,
        (m) => m.readySlot,
        (m, i) => {
          m.readySlot = i;
        },
      ),
      pending: new IndexedHeap(
        pendingLess,
        (m) => m.pendingSlot,
        (m, i) => {
          m.pendingSlot = i;
        },
      ),
      retention: new IndexedHeap(
        retentionLess,
        (m) => m.retentionSlot,
        (m, i) => {
          m.retentionSlot = i;
        },
      ),
      delayedCount: 0,
      waiters: new Set(),
      wake: undefined,
    };
    this.#queues.set(name, q);
    return q;
  }

  #insert(q: QueueState, m: StoredMessage): void {
    q.messages.set(m.id, m);
    q.retention.push(m);
    if (m.visibleAt > this.#clock.now()) {
      q.pending.push(m);
      if (m.delayed) q.delayedCount++;
    } else {
      m.delayed = false;
      m.receiptHandle = undefined;
      m.superseded = undefined;
      q.ready.push(m);
    }
  }

  #remove(q: QueueState, m: StoredMessage): void {
    q.messages.delete(m.id);
    q.retention.remove(m);
    q.ready.remove(m);
    if (q.pending.remove(m) && m.delayed) q.delayedCount--;
  }

  /** Moves due Delayed/Inactive messages to Active (invalidating their handles) and drops expired ones. */
  #advance(q: QueueState): void {
    const now = this.#clock.now();
    for (let m = q.pending.peek(); m !== undefined && m.visibleAt <= now; m = q.pending.peek()) {
      q.pending.pop();
      if (m.delayed) {
        m.delayed = false;
        q.delayedCount--;
      }
      m.receiptHandle = undefined;
      m.superseded = undefined;
      q.ready.push(m);
    }
    const expired: string[] = [];
    for (let m = q.retention.peek(); m !== undefined && m.expiresAt <= now; m = q.retention.peek()) {
      this.#remove(q, m);
      expired.push(m.id);
    }
    if (expired.length > 0) this.#persistence?.deleteMessages(q.name, expired);
  }

  #queue(name: string): QueueState {
    const q = this.#queues.get(name);
    if (q === undefined) throw new MnsServiceFailure('QueueNotExist');
    return q;
  }

  #randomPool = '';
  #randomOffset = 0;

  /** `{MessageId}-{counter36}-{8 random hex}`: only `[A-Za-z0-9_-]` (docs/mns-protocol.md §3.6). */
  #newHandle(m: StoredMessage): string {
    if (this.#randomOffset + 8 > this.#randomPool.length) {
      this.#randomPool = randomBytes(4096).toString('hex');
      this.#randomOffset = 0;
    }
    const rand = this.#randomPool.slice(this.#randomOffset, this.#randomOffset + 8);
    this.#randomOffset += 8;
    return `${m.id}-${(++this.#handleCounter).toString(36)}-${rand}`;
  }

  /**
   * Finds the message whose *current, unexpired* handle is `handle` (or, in the `'accept'` mode, a handle of
   * the same delivery superseded by ChangeMessageVisibility).
   */
  #byHandle(q: QueueState, handle: string): StoredMessage {
    const match = HANDLE.exec(handle);
    if (match === null) throw new MnsServiceFailure('ReceiptHandleError');
    const m = q.messages.get(match[1]!);
    if (
      m === undefined ||
      (m.receiptHandle !== handle && !(this.#acceptSuperseded && m.superseded?.includes(handle) === true)) ||
      this.#clock.now() >= m.visibleAt
    ) {
      throw new MnsServiceFailure('MessageNotExist');
    }
    return m;
  }

  // --- queues -------------------------------------------------------------------------------------

  /** CreateQueue: `created` (201), `exists` (204, identical effective attributes) or throws `QueueAlreadyExist`. */
  createQueue(name: string, attributes: Partial<QueueAttributes>): 'created' | 'exists' {
    const effective: QueueAttributes = { ...DEFAULT_QUEUE_ATTRIBUTES, ...attributes };
    const existing = this.#queues.get(name);
    if (existing !== undefined) {
      if (sameAttributes(existing.attributes, effective)) return 'exists';
      throw new MnsServiceFailure('QueueAlreadyExist');
    }
    const nowS = Math.floor(this.#clock.now() / 1000);
    const q = this.#newQueue(name, effective, nowS, nowS);
    try {
      this.#persistQueue(q);
    } catch (error) {
      this.#queues.delete(name);
      throw error;
    }
    return 'created';
  }

  #persistQueue(q: QueueState): void {
    this.#persistence?.saveQueue({
      name: q.name,
      attributes: q.attributes,
      createTime: q.createTime,
      lastModifyTime: q.lastModifyTime,
    });
  }

  /** SetQueueAttributes: applies only the given attributes. */
  setQueueAttributes(name: string, attributes: Partial<QueueAttributes>): void {
    const q = this.#queue(name);
    const previous = { attributes: q.attributes, lastModifyTime: q.lastModifyTime };
    q.attributes = { ...q.attributes, ...attributes };
    q.lastModifyTime = Math.floor(this.#clock.now() / 1000);
    try {
      this.#persistQueue(q);
    } catch (error) {
      q.attributes = previous.attributes;
      q.lastModifyTime = previous.lastModifyTime;
      throw error;
    }
  }

  /** DeleteQueue: drops the queue and its messages; held receives on it end with `QueueNotExist`. No-op if absent. */
  deleteQueue(name: string): void {
    const q = this.#queues.get(name);
    if (q === undefined) return;
    this.#persistence?.deleteQueue(name);
    this.#queues.delete(name);
    q.wake?.timer.cancel();
    q.wake = undefined;
    for (const w of [...q.waiters]) w.settle(new MnsServiceFailure('QueueNotExist'));
  }

  /** Whether a queue exists. */
  hasQueue(name: string): boolean {
    return this.#queues.has(name);
  }

  /** Attributes and live counters of one queue (GetQueueAttributes). */
  queueAttributes(name: string): QueueAttributesView {
    const q = this.#queue(name);
    this.#advance(q);
    const a = q.attributes;
    return {
      name: q.name,
      createTime: q.createTime,
      lastModifyTime: q.lastModifyTime,
      delaySeconds: a.delaySeconds,
      maximumMessageSize: a.maximumMessageSize,
      messageRetentionPeriod: a.messageRetentionPeriod,
      visibilityTimeout: a.visibilityTimeout,
      pollingWaitSeconds: a.pollingWaitSeconds,
      activeMessages: q.ready.size,
      inactiveMessages: q.pending.size - q.delayedCount,
      delayMessages: q.delayedCount,
      loggingEnabled: a.loggingEnabled,
    };
  }

  /** Queue names in ascending order. */
  queueNames(): string[] {
    return [...this.#queues.keys()].sort();
  }

  /** The queue's effective attributes. */
  attributesOf(name: string): QueueAttributes {
    return this.#queue(name).attributes;
  }

  // --- messages -----------------------------------------------------------------------------------

  /** Sends messages (already validated). Returns one result per entry, in order. */
  send(name: string, entries: readonly SendEntry[]): SendResult[] {
    const q = this.#queue(name);
    const now = this.#clock.now();
    const created: StoredMessage[] = [];
    const results: SendResult[] = [];
    for (const e of entries) {
      const delay = e.delaySeconds ?? q.attributes.delaySeconds;
      const priority = e.priority ?? MNS_LIMITS.priority.default;
      const m: StoredMessage = {
        id: this.#idPrefix + (this.#idCounter++).toString(16).toUpperCase().padStart(16, '0'),
        body: e.body,
        bodyMd5: bodyMd5(e.body),
        priority,
        enqueueTime: now,
        expiresAt: now + q.attributes.messageRetentionPeriod * 1000,
        seq: this.#seq++,
        firstDequeueTime: now,
        dequeueCount: 0,
        visibleAt: now + delay * 1000,
        delayed: delay > 0,
        receiptHandle: undefined,
        readySlot: -1,
        pendingSlot: -1,
        retentionSlot: -1,
        superseded: undefined,
      };
      if (m.delayed) m.receiptHandle = this.#newHandle(m);
      created.push(m);
      results.push({ id: m.id, bodyMd5: m.bodyMd5, receiptHandle: m.receiptHandle });
    }
    this.#persistence?.insertMessages(name, created.map(toPersisted));
    for (const m of created) this.#insert(q, m);
    this.#serveWaiters(q);
    return results;
  }

  #take(q: QueueState, n: number): ReceivedView[] {
    const now = this.#clock.now();
    const visibleAt = now + q.attributes.visibilityTimeout * 1000;
    const taken: StoredMessage[] = [];
    while (taken.length < n) {
      const m = q.ready.pop();
      if (m === undefined) break;
      taken.push(m);
    }
    if (taken.length === 0) return [];
    const persistence = this.#persistence;
    const before =
      persistence === undefined
        ? undefined
        : taken.map((m) => [m.dequeueCount, m.firstDequeueTime, m.receiptHandle] as const);
    for (const m of taken) {
      m.superseded = undefined;
      if (m.dequeueCount === 0) m.firstDequeueTime = now;
      m.dequeueCount++;
      m.visibleAt = visibleAt;
      m.receiptHandle = this.#newHandle(m);
    }
    try {
      persistence?.updateMessages(q.name, taken.map(toPersisted));
    } catch (error) {
      // Undo: the receive did not happen.
      taken.forEach((m, i) => {
        const [count, first, handle] = before![i]!;
        m.dequeueCount = count;
        m.firstDequeueTime = first;
        m.receiptHandle = handle;
        m.visibleAt = now;
        q.ready.push(m);
      });
      throw error;
    }
    const out: ReceivedView[] = [];
    for (const m of taken) {
      q.pending.push(m);
      out.push({ message: m, receiptHandle: m.receiptHandle!, nextVisibleTime: visibleAt });
    }
    return out;
  }

  /**
   * Receives up to `n` messages, holding the call up to `waitSeconds` until at least one is available.
   * Resolves `[]` when none arrived in time, when `signal` aborts (nothing is consumed), on close, or at once
   * when the queue already holds {@link QueueEngineOptions.maxLongPollsPerQueue} long polls.
   */
  receive(name: string, n: number, waitSeconds: number, signal?: AbortSignal): Promise<ReceivedView[]> {
    const q = this.#queue(name);
    this.#advance(q);
    // Older waiters first (a due visibility expiry may not have fired its timer yet).
    if (q.waiters.size > 0 && q.ready.size > 0) this.#serveWaiters(q);
    if (q.ready.size > 0) return Promise.resolve(this.#take(q, n));
    if (waitSeconds <= 0 || this.#draining || signal?.aborted) return Promise.resolve([]);
    if (q.waiters.size >= this.#maxLongPolls) {
      this.#cappedReceives++;
      return Promise.resolve([]);
    }
    return new Promise<ReceivedView[]>((resolve, reject) => {
      let timer: ClockTimer | undefined;
      const onAbort = (): void => waiter.settle([]);
      const waiter: Waiter = {
        n,
        signal,
        settle: (result) => {
          if (!q.waiters.delete(waiter)) return;
          timer?.cancel();
          signal?.removeEventListener('abort', onAbort);
          if (result instanceof MnsServiceFailure) reject(result);
          else resolve(result);
          this.#scheduleWake(q);
        },
      };
      q.waiters.add(waiter);
      timer = this.#clock.setTimer(
        this.#clock.now() + Math.min(waitSeconds, MNS_LIMITS.pollingWaitSeconds.max) * 1000,
        () => waiter.settle([]),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#scheduleWake(q);
    });
  }

  /** Hands available messages to waiters in FIFO order, then re-arms the wake timer. */
  #serveWaiters(q: QueueState): void {
    if (q.waiters.size === 0) return;
    this.#advance(q);
    for (const w of q.waiters) {
      if (q.ready.size === 0) break;
      if (w.signal?.aborted) {
        w.settle([]);
        continue;
      }
      let result: ReceivedView[] | MnsServiceFailure;
      try {
        result = this.#take(q, w.n);
      } catch (error) {
        result =
          error instanceof MnsServiceFailure
            ? error
            : new MnsServiceFailure('InternalError', 'Storage failure.');
      }
      w.settle(result);
    }
    this.#scheduleWake(q);
  }

  /** Keeps one clock timer per queue at the earliest pending visibility while someone is waiting. */
  #scheduleWake(q: QueueState): void {
    const next = q.waiters.size === 0 ? undefined : q.pending.peek();
    if (next === undefined) {
      q.wake?.timer.cancel();
      q.wake = undefined;
      return;
    }
    if (q.wake !== undefined && q.wake.at === next.visibleAt) return;
    q.wake?.timer.cancel();
    const at = next.visibleAt;
    q.wake = {
      at,
      timer: this.#clock.setTimer(at, () => {
        if (q.wake?.at === at) q.wake = undefined;
        this.#serveWaiters(q);
      }),
    };
  }

  /** Up to `n` Active messages in delivery order, without changing state. */
  peek(name: string, n: number): MessageView[] {
    const q = this.#queue(name);
    this.#advance(q);
    if (n === 1) {
      const top = q.ready.peek();
      return top === undefined ? [] : [top];
    }
    // At most n Active messages: sort a copy of all of them. More: pop the n best off the heap and push them
    // back (O(n log m) for m Active messages); the heap holds the same messages afterwards.
    const all = q.ready.values();
    if (all.length <= n) return [...all].sort((a, b) => (readyLess(a, b) ? -1 : 1));
    const out: StoredMessage[] = [];
    const taken: StoredMessage[] = [];
    while (out.length < n) {
      const m = q.ready.pop()!;
      out.push(m);
      taken.push(m);
    }
    for (const m of taken) q.ready.push(m);
    return out;
  }

  /** DeleteMessage by current handle. */
  deleteMessage(name: string, handle: string): void {
    const q = this.#queue(name);
    this.#advance(q);
    const m = this.#byHandle(q, handle);
    this.#persistence?.deleteMessages(name, [m.id]);
    this.#remove(q, m);
  }

  /** BatchDeleteMessage: deletes every valid handle, returns the failed ones. */
  deleteMessages(name: string, handles: readonly string[]): DeleteFailure[] {
    const q = this.#queue(name);
    this.#advance(q);
    const failures: DeleteFailure[] = [];
    const doomed = new Map<string, StoredMessage>();
    for (const h of handles) {
      try {
        const m = this.#byHandle(q, h);
        if (doomed.has(m.id)) throw new MnsServiceFailure('MessageNotExist');
        doomed.set(m.id, m);
      } catch (error) {
        if (!(error instanceof MnsServiceFailure)) throw error;
        failures.push({ receiptHandle: h, error });
      }
    }
    this.#persistence?.deleteMessages(name, [...doomed.keys()]);
    for (const m of doomed.values()) this.#remove(q, m);
    return failures;
  }

  /** ChangeMessageVisibility: new NextVisibleTime = now + timeout; issues a new handle. */
  changeVisibility(name: string, handle: string, visibilityTimeoutSeconds: number): ReceivedView {
    const q = this.#queue(name);
    this.#advance(q);
    const m = this.#byHandle(q, handle);
    const before = {
      visibleAt: m.visibleAt,
      delayed: m.delayed,
      receiptHandle: m.receiptHandle,
      superseded: m.superseded,
    };
    m.visibleAt = this.#clock.now() + visibilityTimeoutSeconds * 1000;
    m.delayed = false;
    m.receiptHandle = this.#newHandle(m);
    if (this.#acceptSuperseded && before.receiptHandle !== undefined) {
      const kept = (m.superseded ?? []).slice(-(MAX_SUPERSEDED_HANDLES - 1));
      kept.push(before.receiptHandle);
      m.superseded = kept;
    }
    try {
      this.#persistence?.updateMessages(name, [toPersisted(m)]);
    } catch (error) {
      m.visibleAt = before.visibleAt;
      m.delayed = before.delayed;
      m.receiptHandle = before.receiptHandle;
      m.superseded = before.superseded;
      throw error;
    }
    if (before.delayed) q.delayedCount--;
    q.pending.remove(m);
    q.pending.push(m);
    this.#scheduleWake(q);
    return { message: m, receiptHandle: m.receiptHandle, nextVisibleTime: m.visibleAt };
  }

  // --- admin --------------------------------------------------------------------------------------

  /** Every message of a queue with its state, in delivery order of the Active ones first. */
  snapshot(name: string): MessageSnapshot[] {
    const q = this.#queue(name);
    this.#advance(q);
    const now = this.#clock.now();
    const list = [...q.messages.values()];
    const rank = (m: StoredMessage): number => (m.visibleAt <= now ? 0 : 1);
    list.sort((a, b) => rank(a) - rank(b) || (readyLess(a, b) ? -1 : 1));
    return list.map((m) => ({
      id: m.id,
      body: m.body,
      bodyMd5: m.bodyMd5,
      enqueueTime: m.enqueueTime,
      firstDequeueTime: m.firstDequeueTime,
      dequeueCount: m.dequeueCount,
      priority: m.priority,
      state: m.visibleAt <= now ? 'active' : m.delayed ? 'delayed' : 'inactive',
      visibleAt: m.visibleAt,
      expiresAt: m.expiresAt,
    }));
  }

  /** Deletes every message of a queue; returns how many. */
  purge(name: string): number {
    const q = this.#queue(name);
    const count = q.messages.size;
    this.#persistence?.purgeQueue(name);
    q.messages.clear();
    q.ready.clear();
    q.pending.clear();
    q.retention.clear();
    q.delayedCount = 0;
    this.#scheduleWake(q);
    return count;
  }

  /** Total stored messages over all queues. */
  get messageCount(): number {
    let n = 0;
    for (const q of this.#queues.values()) n += q.messages.size;
    return n;
  }

  /** Receives answered at once because their queue held `maxLongPollsPerQueue` long polls. */
  get cappedReceives(): number {
    return this.#cappedReceives;
  }

  /** Number of held long-poll requests. */
  get waiterCount(): number {
    let n = 0;
    for (const q of this.#queues.values()) n += q.waiters.size;
    return n;
  }

  /** Releases every held receive (resolving `[]`), cancels timers, closes persistence. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#draining = true;
    for (const q of this.#queues.values()) {
      q.wake?.timer.cancel();
      q.wake = undefined;
      for (const w of [...q.waiters]) w.settle([]);
    }
    this.#persistence?.close();
  }

  /** Releases held receives without closing storage (used when the HTTP server starts draining). */
  releaseWaiters(): void {
    this.#draining = true;
    for (const q of this.#queues.values()) for (const w of [...q.waiters]) w.settle([]);
  }
}

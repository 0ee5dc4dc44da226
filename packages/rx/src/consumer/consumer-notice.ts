/**
 * Something a consumer wants you to know about that is not a delivery: a handler failure, a retried failure, a
 * stale handle, a lost lease, a poison message. Emitted on `consumer.notices$`; nothing here ends the stream.
 */
export type ConsumerNotice =
  | {
      /** A receive failed; the poller retries after `retryInMs`. */
      readonly type: 'poll-error';
      readonly error: unknown;
      /** Consecutive failures so far (1 for the first). */
      readonly attempt: number;
      readonly retryInMs: number;
    }
  | {
      /**
       * A handler threw, rejected or ran past `timeoutMs` (`ackAfter` / `consume`). `result` says what became of
       * the message: `nacked` (redelivered after the policy's delay), `timed-out` (nacked after the timeout),
       * `dead-lettered` (the redelivery policy gave up), `settle-failed` (the nack failed too; the queue
       * redelivers it when its visibility ends), `lease-lost` / `stopped` (the lease ended or the stream stopped
       * meanwhile; the queue redelivers it).
       */
      readonly type: 'handler-error';
      readonly messageId: string;
      /** The event's `EventType`, when the event has one. */
      readonly eventType: string | undefined;
      /** The delivery's DequeueCount (1 for the first delivery). */
      readonly dequeueCount: number;
      readonly result: 'nacked' | 'timed-out' | 'dead-lettered' | 'settle-failed' | 'lease-lost' | 'stopped';
      /** What the handler threw (or the `DeliveryAbortedError` of the timeout). */
      readonly error: unknown;
    }
  | {
      /** A delete or visibility change was rejected for one message (e.g. `MessageNotExist`: stale handle). */
      readonly type: 'ack-failed';
      readonly operation: 'delete' | 'nack' | 'release';
      readonly messageId: string;
      /** The service error code, e.g. `MessageNotExist`, or the client code of a failed call. */
      readonly code: string;
      readonly error?: unknown;
    }
  | {
      /** A lease was lost; the delivery's signal aborted and it will not be acked. */
      readonly type: 'lease-lost';
      readonly messageId: string;
      readonly reason: 'message-gone' | 'max-extension' | 'expired';
      readonly error?: unknown;
    }
  | {
      /** A poison message (undecodable body or too many deliveries) was handled. */
      readonly type: 'poison';
      readonly messageId: string;
      readonly reason: PoisonReason;
      /** `dead-lettered`: sent to the DLQ (or accepted by `onPoison`) and deleted; `kept`: left to redeliver. */
      readonly action: 'dead-lettered' | 'kept';
      readonly error?: unknown;
    }
  | {
      /** A copy of an already handled (or in-progress) event arrived. */
      readonly type: 'duplicate';
      readonly messageId: string;
      /** `acked`: deleted without running the handler; `deferred`: its twin is running; held and re-checked every `deferSeconds`. */
      readonly action: 'acked' | 'deferred';
      readonly key: string;
    }
  | {
      /**
       * The idempotency store failed to commit or release a key (the delivery itself went on: a commit failure
       * means a later copy of this event may run again).
       */
      readonly type: 'idempotency-error';
      readonly messageId: string;
      readonly error: unknown;
    }
  | {
      /**
       * The idempotency store could not say whether this delivery's event was handled (it rejected: unreachable,
       * timed out, locked). `handled`: run anyway (`idempotency.failOpen: true`); `held`: kept leased and asked
       * again every `deferSeconds` (`failOpen: false`).
       */
      readonly type: 'idempotency-store-unavailable';
      readonly messageId: string;
      readonly action: 'handled' | 'held';
      readonly error: unknown;
    };

/** Why a message is poison. */
export type PoisonReason =
  /** The body is not a valid event (`decode` / `parseVodEvent` failed), or the transport could not decode it (`message.bodyError`). */
  | 'invalid-body'
  /** `DequeueCount` exceeds `maxDeliveries`, or the redelivery policy gave up after a failure. */
  | 'max-deliveries';

/**
 * The demo's ledger. Every event the simulated VOD emits ends in exactly one place, and every message that
 * reached a queue (deliveries plus injected duplicate sends) is settled exactly once by a consumer:
 *
 *   emitted = delivered + discarded
 *   delivered + duplicatesInjected = handled + deadLettered + duplicatesSuppressed
 *
 * `redelivered` (receives with a dequeue count above 1) is reported next to them; it is not a final state.
 */
export interface DemoSummary {
  /** Events the simulated VOD produced (all scenarios, all storage regions). */
  readonly emitted: number;
  /** Events VOD managed to write into a queue (within its 3 attempts). */
  readonly delivered: number;
  /** Events VOD gave up on after 3 failed attempts (misconfigured callback). */
  readonly discarded: number;
  /** Extra copies of already delivered events sent on purpose (VOD's documented at-least-once duplicates). */
  readonly duplicatesInjected: number;
  /** Messages whose handler succeeded and that were deleted. */
  readonly handled: number;
  /** Receives of a message that had been received before (dequeue count > 1). */
  readonly redelivered: number;
  /** Messages moved to the dead-letter queue after failing too often. */
  readonly deadLettered: number;
  /** Copies recognised by the idempotency store and deleted without running a handler. */
  readonly duplicatesSuppressed: number;
  /** Messages still in any demo queue at the end (active + inactive + delayed); must be 0. */
  readonly leftInQueues: number;
  /**
   * How {@link DemoSummary.leftInQueues} was counted: `'counts'` = the queues' message counts (meaningful only on
   * mns-local; the live service reports them as 0), `'peek'` = visible messages found by peeking (a real
   * account). @defaultValue 'counts'
   */
  readonly leftCountedBy?: 'counts' | 'peek' | undefined;
  /** Wall-clock duration of the demo, ms. */
  readonly durationMs: number;
}

/** The two equations of the ledger, evaluated. */
export interface SummaryCheck {
  /** Whether both equations hold and the queues are empty. */
  readonly ok: boolean;
  /** One line per equation, with the numbers filled in and `✓`/`✗`. */
  readonly lines: readonly string[];
}

/** Evaluates the ledger's equations (see {@link DemoSummary}). Pure. */
export function checkSummary(s: DemoSummary): SummaryCheck {
  const vodSide = s.emitted === s.delivered + s.discarded;
  const inQueues = s.delivered + s.duplicatesInjected;
  const settled = s.handled + s.deadLettered + s.duplicatesSuppressed;
  const consumerSide = inQueues === settled;
  const empty = s.leftInQueues === 0;
  const mark = (b: boolean): string => (b ? '✓' : '✗');
  return {
    ok: vodSide && consumerSide && empty,
    lines: [
      `emitted ${s.emitted} = delivered ${s.delivered} + discarded ${s.discarded}  ${mark(vodSide)}`,
      `delivered ${s.delivered} + duplicates injected ${s.duplicatesInjected} = handled ${s.handled} + dead-lettered ${s.deadLettered} + duplicates suppressed ${s.duplicatesSuppressed}  ${mark(consumerSide)}`,
      `messages left in the queues: ${s.leftInQueues}${
        s.leftCountedBy === 'peek'
          ? ' (visible ones, by peeking: the live service reports message counts as 0)'
          : " (mns-local's message counts; the live service reports them as 0)"
      }  ${mark(empty)}`,
    ],
  };
}

/** The summary table printed at the end of the demo. Pure. */
export function formatSummary(s: DemoSummary): string {
  const rows: [string, number, string][] = [
    ['events emitted', s.emitted, 'by the simulated VOD, all storage regions'],
    ['delivered', s.delivered, 'written into the recommended queue'],
    ['discarded', s.discarded, 'misconfigured callback: 3 attempts, then dropped'],
    ['duplicates injected', s.duplicatesInjected, 'extra copies sent on purpose'],
    ['handled', s.handled, 'handler succeeded, message deleted'],
    ['redelivered', s.redelivered, 'received again (failure, crash, lease)'],
    ['dead-lettered', s.deadLettered, 'failed too often, moved to the DLQ'],
    ['duplicates suppressed', s.duplicatesSuppressed, 'recognised by the idempotency store'],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => String(r[1]).length));
  const rule = `${'-'.repeat(w0)}  ${'-'.repeat(w1)}  ${'-'.repeat(48)}`;
  const lines = [
    `${'outcome'.padEnd(w0)}  ${'n'.padStart(w1)}  meaning`,
    rule,
    ...rows.map(([k, n, m]) => `${k.padEnd(w0)}  ${String(n).padStart(w1)}  ${m}`),
    rule,
    ...checkSummary(s).lines,
  ];
  return `${lines.join('\n')}\n`;
}

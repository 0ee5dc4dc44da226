import type { VodEvent } from '@vodmns/core';
import { vodEventMediaId } from '@vodmns/core';
import type { DeliveryHandler, VodEventHandlers } from '@vodmns/rx';

/** What the demo's handlers observed (the consumer's metrics count the settlements). */
export interface HandlerLog {
  /** Handler runs of a message received before (MNS `DequeueCount` > 1). */
  redelivered: number;
  /** Handler runs in total. */
  runs: number;
  /** Lines for the story. */
  readonly notes: string[];
}

/** Which events misbehave on purpose. */
export interface HandlerPlan {
  /** Media id whose `TranscodeComplete` handler is slow (longer than the visibility timeout). */
  readonly slowMediaId: string | undefined;
  /** How long the slow handler takes, ms. */
  readonly slowMs: number;
  /** Media id whose `SnapshotComplete` handler always fails (→ redelivered, then dead-lettered). */
  readonly failingMediaId: string | undefined;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

/**
 * The demo application's handlers, one per event type: a video catalogue that registers uploads, records
 * snapshots and streams, and publishes a video when transcoding completes.
 */
export function createDemoHandlers(plan: HandlerPlan, log: HandlerLog): VodEventHandlers {
  const track =
    <T extends VodEvent>(inner: DeliveryHandler<T>): DeliveryHandler<T> =>
    async (event, context) => {
      log.runs += 1;
      if (context.delivery.metadata.dequeueCount > 1) log.redelivered += 1;
      return inner(event, context);
    };
  return {
    FileUploadComplete: track(async () => {}),
    VideoAnalysisComplete: track(async () => {}),
    StreamTranscodeComplete: track(async () => {}),
    SnapshotComplete: track(async (event, { delivery }) => {
      if (vodEventMediaId(event) === plan.failingMediaId) {
        log.notes.push(
          `SnapshotComplete ${plan.failingMediaId}: handler failed on delivery ${delivery.metadata.dequeueCount} (simulated CMS bug)`,
        );
        throw new Error('cover image rejected by the CMS (simulated bug)');
      }
    }),
    TranscodeComplete: track(async (event, { delivery, signal }) => {
      if (vodEventMediaId(event) !== plan.slowMediaId) return;
      const started = Date.now();
      await sleep(plan.slowMs, signal);
      log.notes.push(
        `TranscodeComplete ${plan.slowMediaId}: slow handler took ${((Date.now() - started) / 1000).toFixed(1)} s, longer than the visibility timeout — the lease was extended in the background, so it ran once (dequeue count ${delivery.metadata.dequeueCount})`,
      );
    }),
    default: track(async () => {}),
  };
}

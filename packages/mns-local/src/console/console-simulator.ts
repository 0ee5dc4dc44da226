import {
  type Clock,
  deliver,
  type KnownVodEvent,
  recommendQueueRegion,
  VOD_DELIVERY_POLICY,
  vodEventMediaId,
} from '@vodmns/core';
import { buildUploadScenario, type UploadScenarioOutcome } from '@vodmns/core/testing';
import type { QueueEngine } from '../engine/queue-engine.js';
import { MnsServiceFailure } from '../protocol/mns-service-error.js';
import { ConsoleApiError, invalidField } from './console-api-error.js';

/** Upload scenario outcomes of core's `buildUploadScenario`. */
export const SIMULATION_OUTCOMES: readonly UploadScenarioOutcome[] = Object.freeze([
  'success',
  'partial-failure',
  'transcode-failure',
  'snapshot-failure',
  'analysis-failure',
]);

/** Simulations running at once, and finished ones kept for the page to read. */
const MAX_RUNNING = 4;
const MAX_KEPT = 16;

/** What to play: one or more upload scenarios from one storage region. */
export interface SimulationRequest {
  readonly storageRegion: string;
  readonly outcome: UploadScenarioOutcome;
  /** Uploads to play, 1–10. */
  readonly uploads: number;
  readonly seed: number;
  /** Pause between two events, ms (so the page can watch them arrive). */
  readonly paceMs: number;
  /** Create the routed queue first (idempotent). */
  readonly createQueue: boolean;
  /** Deliver here instead of the routed `vod-events-<queue region>` queue. */
  readonly queueName: string | undefined;
}

/** One event's delivery, as VOD would attempt it. */
export interface SimulatedDelivery {
  readonly index: number;
  readonly eventType: string;
  readonly mediaId: string | undefined;
  readonly outcome: 'pending' | 'delivered' | 'discarded';
  readonly attempts: number;
  readonly lastError: string | undefined;
  readonly messageId: string | undefined;
}

/** A simulation's progress. */
export interface SimulationView {
  readonly id: string;
  readonly state: 'running' | 'done' | 'stopped';
  readonly storageRegion: string;
  readonly queueRegion: string;
  /** Why the routing rule picked `queueRegion`. */
  readonly reason: string;
  readonly queueName: string;
  readonly outcome: UploadScenarioOutcome;
  readonly total: number;
  readonly deliveries: readonly SimulatedDelivery[];
}

interface Run {
  view: SimulationView;
  deliveries: SimulatedDelivery[];
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms === 0) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function errorText(error: unknown): string {
  if (error instanceof MnsServiceFailure) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Plays VOD's side into this server, as `vodmns simulate` does over the wire: core's upload scenario for a
 * storage region, routed by core's queue-region rule, each event delivered with VOD's policy (3 attempts, then
 * discarded). Runs in the background; {@link ConsoleSimulator.close} stops every run.
 */
export class ConsoleSimulator {
  readonly #engine: QueueEngine;
  readonly #clock: Clock;
  readonly #runs = new Map<string, Run>();
  readonly #stop = new AbortController();
  #counter = 0;

  constructor(engine: QueueEngine, clock: Clock) {
    this.#engine = engine;
    this.#clock = clock;
  }

  /** Plans and starts a run; throws {@link ConsoleApiError} for a bad region or too many runs. */
  start(request: SimulationRequest): SimulationView {
    if (this.#stop.signal.aborted) throw new ConsoleApiError(503, 'ShuttingDown', 'The server is stopping.');
    const running = [...this.#runs.values()].filter((r) => r.view.state === 'running').length;
    if (running >= MAX_RUNNING) {
      throw new ConsoleApiError(
        429,
        'TooManySimulations',
        `${MAX_RUNNING} simulations are already running; wait for one to finish.`,
      );
    }
    const route = recommendQueueRegion(request.storageRegion);
    if (!route.ok) throw invalidField('storageRegion', route.error.detail);
    const queueName = request.queueName ?? `vod-events-${route.value.region}`;
    if (request.createQueue) {
      try {
        this.#engine.createQueue(queueName, {});
      } catch (error) {
        // Exists with other attributes: fine for a simulation (as `vodmns simulate --create-queues`).
        if (!(error instanceof MnsServiceFailure && error.code === 'QueueAlreadyExist')) throw error;
      }
    }
    const events: KnownVodEvent[] = [];
    for (let u = 0; u < request.uploads; u++) {
      events.push(
        ...buildUploadScenario({
          seed: request.seed + u,
          storageRegion: request.storageRegion,
          outcome: request.outcome,
          start: new Date(Math.floor(this.#clock.now() / 1000) * 1000 + u * 60_000),
        }),
      );
    }
    this.#counter += 1;
    const id = `sim-${this.#counter}`;
    const deliveries: SimulatedDelivery[] = events.map((e, index) => ({
      index,
      eventType: e.EventType,
      mediaId: vodEventMediaId(e),
      outcome: 'pending',
      attempts: 0,
      lastError: undefined,
      messageId: undefined,
    }));
    const run: Run = {
      deliveries,
      view: {
        id,
        state: 'running',
        storageRegion: request.storageRegion,
        queueRegion: route.value.region,
        reason: route.value.reason,
        queueName,
        outcome: request.outcome,
        total: events.length,
        deliveries,
      },
    };
    this.#runs.set(id, run);
    this.#evict();
    void this.#play(run, events, request.paceMs);
    return this.get(id)!;
  }

  /** A run's progress (a copy), or `undefined` when unknown or evicted. */
  get(id: string): SimulationView | undefined {
    const run = this.#runs.get(id);
    return run === undefined ? undefined : { ...run.view, deliveries: run.deliveries.slice() };
  }

  /** Stops every run (pending events are not delivered). Idempotent. */
  close(): void {
    this.#stop.abort();
  }

  async #play(run: Run, events: readonly KnownVodEvent[], paceMs: number): Promise<void> {
    const signal = this.#stop.signal;
    const queueName = run.view.queueName;
    for (const [index, event] of events.entries()) {
      if (signal.aborted) break;
      if (index > 0) await sleep(paceMs, signal);
      if (signal.aborted) break;
      let messageId: string | undefined;
      const result = await deliver(
        event,
        async (e) => {
          messageId = this.#engine.send(queueName, [{ body: JSON.stringify(e) }])[0]?.id;
        },
        { policy: { ...VOD_DELIVERY_POLICY, intervalMs: Math.min(1000, Math.max(paceMs, 100)) }, signal },
      );
      const last = result.attempts.at(-1);
      run.deliveries[index] = {
        ...run.deliveries[index]!,
        outcome: result.outcome === 'aborted' ? 'pending' : result.outcome,
        attempts: result.attempts.length,
        lastError: last?.error === undefined ? undefined : errorText(last.error).slice(0, 300),
        messageId,
      };
    }
    run.view = { ...run.view, state: signal.aborted ? 'stopped' : 'done' };
  }

  /** Keeps at most {@link MAX_KEPT} runs: the oldest finished ones go first. */
  #evict(): void {
    for (const [id, run] of this.#runs) {
      if (this.#runs.size <= MAX_KEPT) return;
      if (run.view.state !== 'running') this.#runs.delete(id);
    }
  }
}

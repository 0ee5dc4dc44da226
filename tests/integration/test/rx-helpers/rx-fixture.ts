import type { Clock, QueuePort } from '@vodmns/core';
import { createVodEvent, type ManualClock, waitFor } from '@vodmns/core/testing';
import { type MnsLocalServer, startMnsLocal } from '@vodmns/mns-local';
import { MnsClient } from '@vodmns/mns-transport';

/** A fresh mns-local on 127.0.0.1:0 plus a producer and a consumer client; `await using` releases them. */
export interface RxFixture<C extends Clock = Clock> extends AsyncDisposable {
  readonly server: MnsLocalServer<C>;
  /** Client used by the consumer under test. */
  readonly client: MnsClient;
  /** Separate client for producing and inspecting. */
  readonly producer: MnsClient;
  /** Sends bodies in batches of 16. */
  sendBodies(queueName: string, bodies: readonly string[]): Promise<void>;
  /** Messages in a queue: active + inactive + delayed. */
  queueTotal(queueName: string): number;
}

/** An {@link RxFixture} whose server and consumer share one {@link ManualClock}. */
export interface ClockedRxFixture extends RxFixture<ManualClock> {
  readonly clock: ManualClock;
  /** {@link RxFixture.client} as a port that counts its calls in flight: give this one to the consumer. */
  readonly port: QueuePort;
  /**
   * Waits (real time, polled) until the consumer's I/O is quiet: every port call still in flight is a long poll
   * the server holds. Only then may the clock move on, so a response is never overtaken by clock time.
   */
  settle(): Promise<void>;
  /** Advances the shared clock by `ms` in `stepMs` steps, settling before each step and after the last. */
  advance(ms: number, stepMs?: number): Promise<void>;
  /**
   * Advances in `stepMs` steps (settling after each) until `predicate()` holds; throws naming `what` if it does
   * not within `maxMs` of clock time. @returns the clock time that elapsed.
   */
  advanceUntil(what: string, predicate: () => boolean, maxMs: number, stepMs?: number): Promise<number>;
}

/**
 * Like {@link startRxFixture}, with `clock` driving the server (visibility, delays, long-poll deadlines); pass
 * the same clock and {@link ClockedRxFixture.port} to the consumer, and time moves only through `advance`.
 */
export async function startClockedRxFixture(clock: ManualClock): Promise<ClockedRxFixture> {
  const f = await startRxFixture({ clock });
  let inFlight = 0;
  const counted =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      inFlight += 1;
      return call(...args).finally(() => {
        inFlight -= 1;
      });
    };
  const c = f.client;
  const port: QueuePort = {
    batchReceiveMessage: counted((input) => c.batchReceiveMessage(input)),
    batchDeleteMessage: counted((input) => c.batchDeleteMessage(input)),
    changeMessageVisibility: counted((input) => c.changeMessageVisibility(input)),
    sendMessage: counted((input) => c.sendMessage(input)),
  };
  const settle = (): Promise<void> =>
    waitFor('the consumer I/O to settle', () => inFlight === f.server.admin.stats().waitingReceives);
  return {
    ...f,
    clock,
    port,
    settle,
    async advance(ms, stepMs = 50) {
      await settle();
      for (let done = 0; done < ms; done += stepMs) {
        await clock.advance(Math.min(stepMs, ms - done));
        await settle();
      }
    },
    async advanceUntil(what, predicate, maxMs, stepMs = 50) {
      const start = clock.now();
      await settle();
      while (!predicate()) {
        if (clock.now() - start >= maxMs) throw new Error(`${what}: not within ${maxMs} ms of clock time`);
        await clock.advance(stepMs);
        await settle();
      }
      return clock.now() - start;
    },
  };
}

export async function startRxFixture<C extends Clock = Clock>(
  serverOptions: { readonly clock?: C } = {},
): Promise<RxFixture<C>> {
  const server = await startMnsLocal<C>({ port: 0, host: '127.0.0.1', ...serverOptions });
  const make = (): MnsClient =>
    new MnsClient({
      endpoint: server.endpoint,
      region: server.region,
      credentials: { accessKeyId: server.accessKeyId, accessKeySecret: server.accessKeySecret },
      retry: { baseDelayMs: 1, maxDelayMs: 20, throttlingBaseDelayMs: 1 },
    });
  const client = make();
  const producer = make();
  return {
    server,
    client,
    producer,
    async sendBodies(queueName, bodies) {
      for (let i = 0; i < bodies.length; i += 16) {
        const entries = bodies.slice(i, i + 16).map((messageBody) => ({ messageBody }));
        const out = await producer.batchSendMessage({ queueName, entries });
        if (out.failed.length > 0) throw new Error(`batchSendMessage failed: ${JSON.stringify(out.failed)}`);
      }
    },
    queueTotal(queueName) {
      const q = server.admin.queues().find((x) => x.name === queueName);
      if (!q) throw new Error(`no queue ${queueName}`);
      return q.activeMessages + q.inactiveMessages + q.delayMessages;
    },
    async [Symbol.asyncDispose]() {
      await client.close();
      await producer.close();
      await server.close();
    },
  };
}

/** A distinct, schema-valid VOD event body for index `i` (VideoId = 32 hex of i). */
export function vodBody(i: number): string {
  const VideoId = i.toString(16).padStart(32, '0');
  return JSON.stringify(
    createVodEvent(
      'FileUploadComplete',
      { VideoId },
      { seed: i + 1, now: new Date(1_735_689_600_000 + i * 1000) },
    ),
  );
}

// Chaos: events flow real transport (MnsClient) → TCP fault proxy → mns-local, consumed with @vodmns/rx. The proxy
// injects resets (before and after the server acted), stalls, black holes, 500/503, QpsLimitExceeded, truncated
// and malformed XML. Every event must be handled at least once, every message deleted (queue empty), no
// unhandled rejection, retries bounded — and no secret in any captured output.
import { waitFor } from '@vodmns/core/testing';
import { type MnsLocalServer, startMnsLocal } from '@vodmns/mns-local';
import { MNS_DIAGNOSTICS_CHANNELS, MnsClient, type MnsRetryEvent } from '@vodmns/mns-transport';
import { consume, type RunningConsumer } from '@vodmns/rx';
import { channel } from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChaosCredentials, chaosCredentials } from '../../chaos/chaos-credentials.js';
import { chaosProfile } from '../../chaos/chaos-profile.js';
import { FAULT_KINDS, FaultProxy } from '../../chaos/fault-proxy.js';
import { capturedLogPath, recordSummary } from '../../chaos/run-summary.js';
import { SecretScanner } from '../../chaos/secret-scanner.js';
import { chaosSeed } from '../../chaos/seeded-random.js';

const profile = chaosProfile();
const SEED = chaosSeed(0x5eed_1001);
const QUEUE = 'chaos-proxy';
const N = profile.proxyEvents;

const scanner = new SecretScanner();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
let creds: ChaosCredentials;
let server: MnsLocalServer | undefined;
let proxy: FaultProxy | undefined;
let producer: MnsClient | undefined;
let consumerClient: MnsClient | undefined;
let running: RunningConsumer | undefined;

function eventBody(i: number): string {
  return JSON.stringify({
    Status: 'success',
    EventTime: '2025-03-14T02:31:08Z',
    EventType: 'FileUploadComplete',
    VideoId: i.toString(16).padStart(32, '0'),
    Size: 1000 + i,
    FileUrl: `http://example.com/sv/${i}.mp4`,
  });
}

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  scanner.subscribeChannels(Object.values(MNS_DIAGNOSTICS_CHANNELS));
  scanner.captureConsole();
  creds = chaosCredentials(scanner, 'proxy');
  server = await startMnsLocal({
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
    accessLog: (entry) => scanner.capture('mns-local access log', JSON.stringify(entry)),
  });
  server.admin.createQueue(QUEUE, { visibilityTimeout: 5 });
  proxy = await FaultProxy.start({
    upstreamPort: server.port,
    seed: SEED,
    stallMs: 300,
    scheduleFirst: FAULT_KINDS,
    rates: {
      resetBeforeForward: 0.02,
      resetAfterForward: 0.02,
      stall: 0.03,
      blackhole: 0.003,
      http500: 0.02,
      http503: 0.02,
      throttle: 0.03,
      truncatedResponse: 0.02,
      malformedXml: 0.02,
    },
    onRequest: (r) => {
      const auth = r.headers.get('authorization');
      if (auth !== undefined) scanner.addAuthorization(auth);
    },
  });
  const credentials = { accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret };
  producer = new MnsClient({ endpoint: server.endpoint, credentials });
  consumerClient = new MnsClient({
    endpoint: proxy.endpoint,
    credentials,
    // generous: on a loaded 2-core runner a slow-but-healthy request must not time out and count as a fault
    timeoutMs: 5000,
    longPollSlackMs: 5000,
    retry: { maxAttempts: 6, baseDelayMs: 20, maxDelayMs: 1000, throttlingBaseDelayMs: 50 },
  });
}, 60_000);

afterAll(async () => {
  running?.stop();
  await consumerClient?.close();
  await producer?.close();
  await proxy?.close();
  await server?.close();
  process.off('unhandledRejection', onUnhandled);
  scanner.writeTo(capturedLogPath(`proxy-consumer.${profile.name}`));
  scanner.dispose();
});

describe(`chaos: ${N} events through rx → fault proxy → mns-local (seed ${SEED})`, () => {
  it(
    'handles every event at least once, deletes every message, keeps retries bounded',
    async () => {
      const start = performance.now();
      // produce straight to the server (the proxy is for the consumer's wire)
      for (let i = 0; i < N; i += 16) {
        const entries = [];
        for (let j = i; j < Math.min(N, i + 16); j++) entries.push({ messageBody: eventBody(j) });
        const out = await producer!.batchSendMessage({ queueName: QUEUE, entries });
        expect(out.failed).toEqual([]);
      }

      const retries = new Map<string, number>();
      const retryChannel = channel(MNS_DIAGNOSTICS_CHANNELS.retry);
      const onRetry = (m: unknown): void => {
        const code = (m as MnsRetryEvent).errorCode;
        retries.set(code, (retries.get(code) ?? 0) + 1);
      };
      retryChannel.subscribe(onRetry);

      const handledCount = new Map<string, number>();
      const notices = new Map<string, number>();
      running = consume(
        consumerClient!,
        async (event) => {
          const id = String(event.VideoId);
          handledCount.set(id, (handledCount.get(id) ?? 0) + 1);
        },
        {
          queueName: QUEUE,
          waitSeconds: 1,
          visibilityTimeoutSeconds: 5,
          maxInFlight: 64,
          concurrency: 16,
          ackBatchDelayMs: 5,
          random: () => 0.5,
        },
      );
      const noticeSub = running.consumer.notices$.subscribe((n) => {
        notices.set(n.type, (notices.get(n.type) ?? 0) + 1);
        scanner.capture(
          `consumer notice ${n.type}`,
          JSON.stringify(n, (_k, v) => (v instanceof Error ? String(v) : v)),
        );
        if ('error' in n && n.error !== undefined) scanner.captureError(`consumer notice ${n.type}`, n.error);
      });
      const resultSub = running.results$.subscribe((r) => {
        if (r.error !== undefined) scanner.captureError(`handler result ${r.result}`, r.error);
      });

      const queueCounts = () => {
        const q = server!.admin.queues().find((x) => x.name === QUEUE)!;
        return { active: q.activeMessages, inactive: q.inactiveMessages, delayed: q.delayMessages };
      };
      await waitFor(
        `all ${N} events handled and the queue empty`,
        () => {
          const c = queueCounts();
          return handledCount.size === N && c.active === 0 && c.inactive === 0 && c.delayed === 0;
        },
        profile.testTimeoutMs - 30_000,
        100,
      );
      const drained = await running.drain({ timeoutMs: 20_000 });
      noticeSub.unsubscribe();
      resultSub.unsubscribe();
      retryChannel.unsubscribe(onRetry);
      const metrics = running.consumer.metrics();
      const runtimeMs = Math.round(performance.now() - start);

      const missing = [];
      for (let i = 0; i < N; i++) {
        const id = i.toString(16).padStart(32, '0');
        if (!handledCount.has(id)) missing.push(id);
      }
      const handlerRunsAboveOnce = [...handledCount.values()].reduce((a, n) => a + (n - 1), 0);
      const totalRetries = [...retries.values()].reduce((a, b) => a + b, 0);
      const figures = {
        seed: SEED,
        events: N,
        handledDistinct: handledCount.size,
        lost: missing.length,
        handlerRunsAboveOnce,
        duplicatesSuppressed: metrics.duplicates,
        proxyRequests: proxy!.requests,
        faultsInjected: { ...proxy!.counts },
        faultsTotal: proxy!.totalFaults,
        clientRetries: Object.fromEntries(retries),
        clientRetriesTotal: totalRetries,
        consumerNotices: Object.fromEntries(notices),
        consumerMetrics: {
          received: metrics.received,
          acked: metrics.acked,
          pollingErrors: metrics.pollingErrors,
          ackFailures: metrics.ackFailures,
          leaseLost: metrics.leaseLost,
          duplicates: metrics.duplicates,
        },
        drainTimedOut: drained.timedOut,
        unhandledRejections: unhandled.length,
        queueAfter: queueCounts(),
        runtimeMs,
      };
      recordSummary(profile.name, 'proxyConsumerChaos', figures);
      scanner.capture('figures', JSON.stringify(figures));

      expect(missing).toEqual([]);
      expect(queueCounts()).toEqual({ active: 0, inactive: 0, delayed: 0 });
      expect(server!.admin.peek(QUEUE)).toEqual([]);
      expect(drained.timedOut).toBe(false);
      expect(unhandled).toEqual([]);
      // every fault kind actually happened
      for (const [kind, count] of Object.entries(proxy!.counts)) expect(count, kind).toBeGreaterThan(0);
      // retries are bounded: each retry follows one failed attempt, and only injected faults fail attempts
      expect(totalRetries).toBeLessThanOrEqual(proxy!.totalFaults);
    },
    profile.testTimeoutMs,
  );

  it('leaked no secret into access logs, errors, notices, diagnostics or console', () => {
    expect(scanner.secretCount).toBeGreaterThan(2);
    expect(scanner.contains('mns-local access log', QUEUE)).toBe(true);
    expect(scanner.findLeaks()).toEqual([]);
  });
});

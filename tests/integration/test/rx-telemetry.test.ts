// OpenTelemetry over the real wire: an rx consumer with telemetry on, against mns-local, exporting to the SDK's
// in-memory exporters. Spans follow the messaging conventions (receive / process / settle), the handler runs
// inside its process span (user spans nest), a carried traceparent continues its trace, metrics count outcomes.
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { waitFor } from '@vodmns/core/testing';
import { startMnsLocal } from '@vodmns/mns-local';
import { MnsClient, traceMnsClient } from '@vodmns/mns-transport';
import { consume } from '@vodmns/rx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { vodBody } from './rx-helpers/rx-fixture.js';

const SECRET = 'telemetry-test-secret-0123456789abcdef';
const contextManager = new AsyncLocalStorageContextManager();
beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
});
afterAll(() => {
  context.disable();
});

function providers() {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const reader = new PeriodicExportingMetricReader({
    exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
    exportIntervalMillis: 3_600_000,
  });
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    spans,
    tracer: tracerProvider.getTracer('test'),
    meter: meterProvider.getMeter('test'),
    async metric(name: string): Promise<number> {
      const { resourceMetrics } = await reader.collect();
      let total = 0;
      for (const scope of resourceMetrics.scopeMetrics)
        for (const m of scope.metrics)
          if (m.descriptor.name === name)
            for (const p of m.dataPoints)
              total += typeof p.value === 'number' ? p.value : ((p.value as { count?: number }).count ?? 0);
      return total;
    },
    async close() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

const byName = (spans: readonly ReadableSpan[], prefix: string) =>
  spans.filter((s) => s.name.startsWith(prefix));

describe('consume() with telemetry over mns-local', () => {
  it('receive, process and settle spans, nested user spans, client spans, carried context and metrics', async () => {
    await using server = await startMnsLocal({
      host: '127.0.0.1',
      port: 0,
      accessKeyId: 'LTAIoteltest',
      accessKeySecret: SECRET,
    });
    const otel = providers();
    const plain = new MnsClient({
      endpoint: server.endpoint,
      credentials: { accessKeyId: server.accessKeyId, accessKeySecret: server.accessKeySecret },
    });
    const client = traceMnsClient(plain, { tracer: otel.tracer });
    await client.createQueue({ queueName: 'otel' });
    await client.createQueue({ queueName: 'otel-dlq' });
    const bodies = [vodBody(1), vodBody(2), vodBody(2), 'not json'];
    const parentTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const carried = JSON.stringify({
      ...(JSON.parse(vodBody(3)) as object),
      traceparent: `00-${parentTraceId}-00f067aa0ba902b7-01`,
    });
    for (const messageBody of [...bodies, carried])
      await plain.sendMessage({ queueName: 'otel', messageBody });

    let handled = 0;
    const running = consume(
      client,
      async (event) => {
        await otel.tracer.startActiveSpan('user-work', async (span) => {
          span.setAttribute('video', String(event.VideoId));
          span.end();
        });
        handled += 1;
      },
      {
        queueName: 'otel',
        waitSeconds: 1,
        deadLetter: { queueName: 'otel-dlq' },
        telemetry: { tracer: otel.tracer, meter: otel.meter },
      },
    );
    await waitFor(
      '3 handled, 1 duplicate, 1 dead letter',
      () => {
        const m = running.consumer.metrics();
        return handled === 3 && m.duplicates === 1 && m.deadLettered === 1;
      },
      30_000,
    );
    await running.drain({ timeoutMs: 10_000 });

    const spans = otel.spans.getFinishedSpans();
    const receives = byName(spans, 'receive otel');
    const processes = byName(spans, 'process otel');
    expect(receives.length).toBeGreaterThan(0);
    expect(processes).toHaveLength(3);
    for (const p of processes) {
      expect(p.attributes['messaging.system']).toBe('alibaba_cloud_mns');
      expect(p.attributes['messaging.destination.name']).toBe('otel');
      expect(p.attributes['messaging.alibaba_cloud_mns.dequeue_count']).toBe(1);
      expect(p.attributes['vod.event.type']).toBe('FileUploadComplete');
      expect(typeof p.attributes['vod.video.id']).toBe('string');
      expect(typeof p.attributes['messaging.message.id']).toBe('string');
      expect(p.events.map((e) => e.name)).toContain('ack');
      // linked to the receive span that brought it
      expect(p.links).toHaveLength(1);
      expect(receives.map((r) => r.spanContext().spanId)).toContain(p.links[0]?.context.spanId);
      // the user's span nests inside
      const user = spans.find(
        (s) => s.name === 'user-work' && s.parentSpanContext?.spanId === p.spanContext().spanId,
      );
      expect(user).toBeDefined();
    }
    // VOD events carry no trace context: new traces. The user-produced message continues its trace.
    const continued = processes.filter((p) => p.spanContext().traceId === parentTraceId);
    expect(continued).toHaveLength(1);
    expect(continued[0]?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(processes.filter((p) => p.parentSpanContext === undefined)).toHaveLength(2);
    // settle spans for what never reached the handler
    const settles = byName(spans, 'settle otel');
    expect(settles.map((s) => s.attributes['messaging.operation.name']).sort()).toEqual([
      'dead-letter',
      'duplicate',
    ]);
    // client spans per MNS operation, the consumer's receive client span nested in the receive span
    const clientReceive = spans.filter((s) => s.name === 'batchReceiveMessage otel');
    expect(clientReceive.length).toBeGreaterThan(0);
    expect(clientReceive[0]?.attributes['http.response.status_code']).toBe(200);
    expect(typeof clientReceive[0]?.attributes['alibaba_cloud_mns.request_id']).toBe('string');
    expect(clientReceive[0]?.attributes['vodmns.attempts']).toBe(1);
    expect(receives.map((r) => r.spanContext().spanId)).toContain(
      clientReceive[0]?.parentSpanContext?.spanId,
    );
    expect(spans.some((s) => s.name === 'batchDeleteMessage otel')).toBe(true);
    // never a body or a secret
    const text = JSON.stringify(spans.map((s) => ({ n: s.name, a: s.attributes, e: s.events, l: s.links })));
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('not json');
    expect(text).not.toContain('ReceiptHandle');

    expect(await otel.metric('messaging.client.consumed.messages')).toBe(5);
    expect(await otel.metric('vodmns.consumer.acked')).toBe(3);
    expect(await otel.metric('vodmns.consumer.duplicates')).toBe(1);
    expect(await otel.metric('vodmns.consumer.dead_lettered')).toBe(1);
    expect(await otel.metric('messaging.process.duration')).toBe(3);
    expect(await otel.metric('vodmns.consumer.lag')).toBe(5);
    await plain.close();
    await otel.close();
  }, 60_000);

  it('a failed client call is an error span naming the code', async () => {
    await using server = await startMnsLocal({ host: '127.0.0.1', port: 0 });
    const otel = providers();
    const client = traceMnsClient(
      new MnsClient({
        endpoint: server.endpoint,
        credentials: { accessKeyId: server.accessKeyId, accessKeySecret: server.accessKeySecret },
      }),
      { tracer: otel.tracer },
    );
    await expect(client.getQueueAttributes({ queueName: 'absent' })).rejects.toMatchObject({
      code: 'QueueNotExist',
    });
    const span = otel.spans.getFinishedSpans().find((s) => s.name === 'getQueueAttributes absent');
    expect(span?.status.code).toBe(2);
    expect(span?.attributes['error.type']).toBe('QueueNotExist');
    expect(span?.attributes['http.response.status_code']).toBe(404);
    expect(trace.getActiveSpan()).toBeUndefined();
    await client.close();
    await otel.close();
  });
});

import { context, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, type ReadableSpan, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** The demo's OpenTelemetry: an SDK tracer whose spans are counted by kind of span, then summarised. */
export interface DemoTelemetry {
  readonly tracer: Tracer;
  /** One line per kind of span (receive, process, settle, client), and one process span with its links. */
  summary(): string[];
  shutdown(): Promise<void>;
}

/** Counts finished spans by the first word of their name (`receive`, `process`, `settle`, a client method). */
class CountingProcessor implements SpanProcessor {
  readonly counts = new Map<string, number>();
  example: ReadableSpan | undefined;
  onStart(): void {}
  onEnd(span: ReadableSpan): void {
    const kind = span.name.split(' ')[0] ?? span.name;
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    if (kind === 'process' && this.example === undefined) this.example = span;
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

/** Starts the SDK (with Node's async context, so handler spans nest) for the demo's consumers and clients. */
export function startDemoTelemetry(): DemoTelemetry {
  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  const counting = new CountingProcessor();
  const provider = new BasicTracerProvider({ spanProcessors: [counting] });
  return {
    tracer: provider.getTracer('vodmns-demo'),
    summary() {
      const rows = [...counting.counts.entries()].sort((a, b) => b[1] - a[1]);
      const lines = [`OpenTelemetry spans: ${rows.map(([k, n]) => `${k} ${n}`).join(', ')}`];
      const e = counting.example;
      if (e !== undefined) {
        lines.push(
          `e.g. "${e.name}" (${String(e.attributes['vod.event.type'])} ${String(e.attributes['vod.video.id'])}, ` +
            `dequeue count ${String(e.attributes['messaging.alibaba_cloud_mns.dequeue_count'])}) linked to its receive ` +
            `span ${e.links[0]?.context.spanId ?? '-'}; events: ${e.events.map((x) => x.name).join(', ')}`,
        );
      }
      return lines;
    },
    async shutdown() {
      await provider.shutdown();
      context.disable();
    },
  };
}

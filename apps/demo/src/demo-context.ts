import { MnsClient, traceMnsClient } from '@vodmns/mns-transport';
import type { DemoTelemetry } from './demo-telemetry.js';
import type { DemoTarget } from './demo-target.js';
import type { Narrator } from './narrator.js';

/** A queue the demo created: where it lives and what it is called. */
export interface DemoQueue {
  /** The MNS region the queue belongs to. */
  readonly region: string;
  readonly endpoint: string;
  readonly queueName: string;
}

/** State shared by the demo's steps. */
export interface DemoContext {
  readonly target: DemoTarget;
  readonly narrator: Narrator;
  /** Seed for the scenario builders (ids and times are reproducible). */
  readonly seed: number;
  /** OpenTelemetry, when the demo runs with `--telemetry` (every client traced, consumers instrumented). */
  readonly telemetry: DemoTelemetry | undefined;
  /** A client for an endpoint with the target's credentials (cached; all closed at the end). */
  clientFor(endpoint: string): MnsClient;
  /** Closes every client made by {@link DemoContext.clientFor}. */
  closeClients(): Promise<void>;
}

/** Creates the shared context. */
export function createDemoContext(
  target: DemoTarget,
  narrator: Narrator,
  seed: number,
  telemetry?: DemoTelemetry,
): DemoContext {
  const clients = new Map<string, MnsClient>();
  return {
    target,
    narrator,
    seed,
    telemetry,
    clientFor(endpoint) {
      let c = clients.get(endpoint);
      if (c === undefined) {
        c = new MnsClient({ endpoint, credentials: target.credentials });
        if (telemetry !== undefined) c = traceMnsClient(c, { tracer: telemetry.tracer });
        clients.set(endpoint, c);
      }
      return c;
    },
    async closeClients() {
      await Promise.all([...clients.values()].map((c) => c.close()));
      clients.clear();
    },
  };
}

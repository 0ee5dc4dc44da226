// Drains `count` events of a prepared backlog through consume() with a no-op handler (shared by rx-bench.mjs and
// rx-rss-child.mjs). `onEvent(handled)` runs in the handler; rejects if the backlog is not drained in `timeoutMs`.
import { performance } from 'node:perf_hooks';
import { consume } from '@vodmns/rx';

/** Rejects if `promise` does not settle within `ms` (a benchmark must never hang). */
export function within(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`rx bench: ${what} did not finish within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export async function drainBacklog({ client, queueName, count, options = {}, onEvent, timeoutMs = 300_000 }) {
  let handled = 0;
  let resolveAll;
  const all = new Promise((r) => {
    resolveAll = r;
  });
  const t0 = performance.now();
  const running = consume(
    client,
    async () => {
      handled++;
      onEvent?.(handled);
      if (handled === count) resolveAll();
    },
    { queueName, maxInFlight: 256, concurrency: 64, waitSeconds: 1, ...options },
  );
  await within(all, timeoutMs, `draining ${count} events`);
  const ms = performance.now() - t0;
  await running.drain({ timeoutMs: 10_000 });
  return { handled, ms };
}

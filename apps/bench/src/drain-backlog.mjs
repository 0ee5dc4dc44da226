// Drains `count` events of a prepared backlog through consume() with a no-op handler (shared by rx-bench.mjs and
// rx-rss-child.mjs). `onEvent(handled)` runs in the handler; rejects if the backlog is not drained in `timeoutMs`.
import { performance } from 'node:perf_hooks';
import { consume } from '@vodmns/rx';

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
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`rx bench: ${handled}/${count} events drained after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([all, late]);
  } finally {
    clearTimeout(timer);
  }
  const ms = performance.now() - t0;
  await running.drain({ timeoutMs: 10_000 });
  return { handled, ms };
}

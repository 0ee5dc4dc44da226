import type { ConsumerMetrics } from '../consumer/consumer-metrics.js';

const LATEST = new Set<keyof ConsumerMetrics>(['lagMs', 'lastPollAt', 'lastReceiveAt']);

/**
 * Adds up the metrics of several consumers: counters and gauges are summed; `lagMs`, `lastPollAt` and
 * `lastReceiveAt` are the maximum of the defined values (`undefined` when none is).
 */
export function sumConsumerMetrics(all: readonly ConsumerMetrics[]): ConsumerMetrics {
  const total: Record<string, number | undefined> = {};
  for (const m of all) {
    for (const [key, value] of Object.entries(m) as [keyof ConsumerMetrics, number | undefined][]) {
      const prev = total[key];
      if (LATEST.has(key)) {
        if (value !== undefined) total[key] = prev === undefined ? value : Math.max(prev, value);
        else if (!(key in total)) total[key] = undefined;
      } else {
        total[key] = (prev ?? 0) + (value ?? 0);
      }
    }
  }
  return total as unknown as ConsumerMetrics;
}

// @vodmns/rx over the real transport against mns-local: an idle consumer holds one 30 s long poll (the default
// waitSeconds), and both stop() and drain() abort it instead of waiting it out. The deadlines here are generous
// (well under the 30 s the poll would otherwise last); the sub-second figure is in the WAN bench, not asserted.
import { performance } from 'node:perf_hooks';
import { waitFor } from '@vodmns/core/testing';
import { consume } from '@vodmns/rx';
import { describe, expect, it } from 'vitest';
import { startRxFixture } from './rx-helpers/rx-fixture.js';

describe('rx against mns-local: an idle consumer holding a 30 s long poll', { timeout: 60_000 }, () => {
  it('drain() aborts the waiting long poll and completes long before the poll would have answered', async () => {
    await using f = await startRxFixture();
    f.server.admin.createQueue('idle', {});
    const running = consume(f.client, async () => {}, { queueName: 'idle' });
    await waitFor('one long poll waiting', () => f.server.admin.stats().waitingReceives === 1, 20_000);
    expect(running.consumer.metrics()).toMatchObject({ polls: 1, receivesInFlight: 1 });
    const t0 = performance.now();
    const result = await running.drain({ timeoutMs: 30_000 });
    const ms = performance.now() - t0;
    expect(result).toEqual({ timedOut: false, released: 0 });
    expect(ms).toBeLessThan(15_000);
    await waitFor(
      'the server to see the poll go',
      () => f.server.admin.stats().waitingReceives === 0,
      15_000,
    );
    expect(running.consumer.metrics()).toMatchObject({ polls: 1, receivesInFlight: 0 });
  });

  it('stop() aborts the waiting long poll at once', async () => {
    await using f = await startRxFixture();
    f.server.admin.createQueue('idle', {});
    const running = consume(f.client, async () => {}, { queueName: 'idle' });
    await waitFor('one long poll waiting', () => f.server.admin.stats().waitingReceives === 1, 20_000);
    running.stop();
    await waitFor(
      'the server to see the poll go',
      () => f.server.admin.stats().waitingReceives === 0,
      15_000,
    );
    expect(running.consumer.metrics()).toMatchObject({ polls: 1, receivesInFlight: 0 });
  });
});

// @vodmns/rx over the real transport against mns-local: a slow handler keeps its lease; no duplicate.
// One ManualClock drives the server's visibility and the consumer's lease timers and handler, so "slow" is
// 4 s of clock time, not of real time.
import { sleep } from '@vodmns/core';
import { ManualClock } from '@vodmns/core/testing';
import { consume } from '@vodmns/rx';
import { describe, expect, it } from 'vitest';
import { startClockedRxFixture, vodBody } from './rx-helpers/rx-fixture.js';

describe('rx against mns-local: leases', { timeout: 30_000 }, () => {
  it('a slow handler keeps its lease (extensions with fresh handles) and runs once', async () => {
    await using f = await startClockedRxFixture(new ManualClock());
    f.server.admin.createQueue('q', { visibilityTimeout: 2 });
    await f.sendBodies('q', [vodBody(4)]);
    let runs = 0;
    let handlerEndedAt: number | undefined;
    const running = consume(
      f.port,
      async (_e, { signal }) => {
        runs += 1;
        const startedAt = f.clock.now();
        expect(await sleep(f.clock, 4000, signal)).toBe(true);
        handlerEndedAt = f.clock.now() - startedAt;
        expect(signal.aborted).toBe(false);
      },
      { queueName: 'q', waitSeconds: 1, visibilityTimeoutSeconds: 2, clock: f.clock },
    );
    await f.advanceUntil('handled and deleted', () => f.queueTotal('q') === 0, 9000);
    expect(handlerEndedAt).toBe(4000);
    let drained = false;
    const draining = running.drain({ timeoutMs: 5000 }).then(() => {
      drained = true;
    });
    await f.advanceUntil('drained', () => drained, 5000);
    await draining;
    const m = running.consumer.metrics();
    expect(runs).toBe(1);
    expect(m.extended).toBeGreaterThanOrEqual(3);
    expect(m).toMatchObject({ received: 1, acked: 1, leaseLost: 0, ackFailures: 0 });
  });
});

// @vodmns/rx over the real transport against mns-local: a slow handler keeps its lease; no duplicate.
import { consume } from '@vodmns/rx';
import { describe, expect, it } from 'vitest';
import { startRxFixture, vodBody, waitFor } from './rx-helpers/rx-fixture.js';

describe('rx against mns-local: leases', { timeout: 15_000 }, () => {
  it('a slow handler keeps its lease (extensions with fresh handles) and runs once', async () => {
    await using f = await startRxFixture();
    f.server.admin.createQueue('q', { visibilityTimeout: 2 });
    await f.sendBodies('q', [vodBody(4)]);
    let runs = 0;
    const running = consume(
      f.client,
      async (_e, { signal }) => {
        runs += 1;
        await new Promise((r) => setTimeout(r, 4000));
        expect(signal.aborted).toBe(false);
      },
      { queueName: 'q', waitSeconds: 1, visibilityTimeoutSeconds: 2 },
    );
    await waitFor('handled and deleted', () => f.queueTotal('q') === 0, 9000);
    await running.drain({ timeoutMs: 5000 });
    const m = running.consumer.metrics();
    expect(runs).toBe(1);
    expect(m.extended).toBeGreaterThanOrEqual(3);
    expect(m).toMatchObject({ received: 1, acked: 1, leaseLost: 0, ackFailures: 0 });
  });
});

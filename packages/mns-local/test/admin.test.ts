import { describe, expect, it } from 'vitest';
import { ManualClock } from '@vodmns/core/testing';
import { startMnsLocal } from '../src/index.js';

describe('admin API', () => {
  it('validates names, attributes and message options with MNS error codes', async () => {
    await using server = await startMnsLocal();
    expect(() => server.admin.createQueue('bad name')).toThrow(
      expect.objectContaining({ code: 'InvalidQueueName' }),
    );
    expect(() => server.admin.createQueue('q', { visibilityTimeout: 0 })).toThrow(/VisibilityTimeout/);
    expect(() => server.admin.createQueue('q', { bogus: 1 } as never)).toThrow(/bogus/);
    expect(server.admin.createQueue('q', { loggingEnabled: true, delaySeconds: 1 })).toBe('created');
    expect(server.admin.createQueue('q', { loggingEnabled: true, delaySeconds: 1 })).toBe('exists');
    expect(() => server.admin.sendMessage('q', 'x', { priority: 17 })).toThrow(/Priority/);
    expect(() => server.admin.sendMessage('q', '')).toThrow(/body/);
    expect(() => server.admin.sendMessage('missing', 'x')).toThrow(
      expect.objectContaining({ code: 'QueueNotExist' }),
    );
  });

  it('peek shows every message with its state; purge empties; stats count requests and faults', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    await using server = await startMnsLocal({ clock, auth: false });
    server.admin.createQueue('q');
    server.admin.sendMessage('q', 'now', { priority: 2 });
    server.admin.sendMessage('q', 'later', { delaySeconds: 10 });
    const r = await server.handle({ method: 'GET', url: '/queues/q/messages', headers: {} });
    expect(r.status).toBe(200);
    expect(server.admin.peek('q').map((m) => [m.body, m.state, m.dequeueCount])).toEqual([
      ['now', 'inactive', 1],
      ['later', 'delayed', 0],
    ]);
    await clock.advance(10_000);
    expect(server.admin.peek('q').map((m) => m.state)).toEqual(['active', 'inactive']);
    server.faults.inject({ fault: { status: 500, code: 'InternalError' } });
    await server.handle({ method: 'GET', url: '/queues/q', headers: {} });
    expect(server.admin.stats()).toMatchObject({
      requests: 2,
      errors: 1,
      queues: 1,
      messages: 2,
      faultsApplied: 1,
      byOperation: { ReceiveMessage: 1, GetQueueAttributes: 1 },
    });
    expect(server.admin.purge('q')).toBe(2);
    expect(server.admin.queues()[0]).toMatchObject({
      name: 'q',
      activeMessages: 0,
      inactiveMessages: 0,
      delayMessages: 0,
    });
    server.admin.deleteQueue('q');
    expect(server.admin.queues()).toEqual([]);
  });
});

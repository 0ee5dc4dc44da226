import { describe, expect, it } from 'vitest';
import { planRegionalQueues } from './plan-regional-queues.js';

describe('planRegionalQueues', () => {
  it('groups mainland storage into one cn-shanghai queue and keeps overseas regions in their own region', () => {
    const r = planRegionalQueues({
      storageRegions: ['cn-beijing', 'cn-shenzhen', 'ap-southeast-1', 'eu-central-1'],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((q) => [q.queueRegion, q.queueName, q.deadLetterQueueName, q.storageRegions])).toEqual(
      [
        [
          'cn-shanghai',
          'vod-events-cn-shanghai',
          'vod-events-cn-shanghai-dlq',
          ['cn-beijing', 'cn-shenzhen'],
        ],
        ['ap-southeast-1', 'vod-events-ap-southeast-1', 'vod-events-ap-southeast-1-dlq', ['ap-southeast-1']],
        ['eu-central-1', 'vod-events-eu-central-1', 'vod-events-eu-central-1-dlq', ['eu-central-1']],
      ],
    );
    expect(r.value[0]?.reasons).toHaveLength(2);
    expect(r.value[0]?.reasons[0]).toContain('cn-shanghai');
  });

  it('takes a prefix, a naming function and a dead-letter choice', () => {
    const prefixed = planRegionalQueues({
      storageRegions: ['cn-shanghai'],
      queueName: 'media',
      deadLetter: false,
    });
    expect(prefixed.ok && prefixed.value[0]).toMatchObject({
      queueRegion: 'cn-shanghai',
      queueName: 'media-cn-shanghai',
      deadLetterQueueName: undefined,
    });
    const named = planRegionalQueues({
      storageRegions: ['eu-central-1'],
      queueName: (r) => `q-${r.length}`,
      deadLetter: (_r, q) => `${q}-dead`,
    });
    expect(named.ok && named.value[0]).toMatchObject({ queueName: 'q-12', deadLetterQueueName: 'q-12-dead' });
  });

  it.each([
    [{ storageRegions: [] }, 'storageRegions must be a non-empty array'],
    [{ storageRegions: 'cn-beijing' }, 'storageRegions must be a non-empty array'],
    [{ storageRegions: ['cn-beijing', 'cn-beijing'] }, 'storageRegions[1] must be listed once'],
    [{ storageRegions: ['mars-1'] }, 'storageRegion must be a known VOD storage region'],
    [{ storageRegions: ['cn-beijing'], queueName: '' }, 'queueName must be a queue name prefix'],
    [{ storageRegions: ['cn-beijing'], queueName: '-x' }, 'queueName(cn-shanghai) must be an MNS queue name'],
    [{ storageRegions: ['cn-beijing'], queueName: 'x'.repeat(120) }, 'queueName(cn-shanghai) must be an MNS'],
    [
      { storageRegions: ['cn-beijing'], deadLetter: () => 'bad name' },
      'deadLetter(cn-shanghai) must be an MNS',
    ],
    [{ storageRegions: ['cn-beijing'], deadLetter: 'dlq' }, 'deadLetter must be true, false or a function'],
  ])('rejects %j with a message naming the field', (input, message) => {
    const r = planRegionalQueues(input as never);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('ERR_MNS_INVALID_ARGUMENT');
    expect(r.error.message).toContain(message);
  });
});

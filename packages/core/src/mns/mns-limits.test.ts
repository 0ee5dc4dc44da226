import { describe, expect, it } from 'vitest';
import {
  isInMnsRange,
  isMnsQueueName,
  MNS_LIMITS,
  MNS_QUEUE_NAME_PATTERN,
  MNS_QUEUE_NAME_RULE,
} from './mns-limits.js';

describe('MNS_LIMITS', () => {
  it('states the service limits (docs/mns-protocol.md §4.1, §4.6, §4.9, §5)', () => {
    expect(MNS_LIMITS.visibilityTimeoutSeconds).toEqual({ min: 1, max: 43200, default: 30 });
    expect(MNS_LIMITS.delaySeconds).toEqual({ min: 0, max: 604800, default: 0 });
    expect(MNS_LIMITS.messageRetentionPeriodSeconds).toEqual({ min: 60, max: 604800, default: 345600 });
    expect(MNS_LIMITS.maximumMessageSizeBytes).toEqual({ min: 1024, max: 65536, default: 65536 });
    expect(MNS_LIMITS.pollingWaitSeconds).toEqual({ min: 0, max: 30, default: 0 });
    expect(MNS_LIMITS.priority).toEqual({ min: 1, max: 16, default: 8 });
    expect(MNS_LIMITS.batchSize).toEqual({ min: 1, max: 16 });
    expect(MNS_LIMITS.listQueuesPageSize).toEqual({ min: 1, max: 1000, default: 1000 });
    expect(MNS_LIMITS.queueNameLength).toEqual({ min: 1, max: 120 });
  });

  it('is frozen, ranges included', () => {
    expect(Object.isFrozen(MNS_LIMITS)).toBe(true);
    for (const r of Object.values(MNS_LIMITS)) expect(Object.isFrozen(r)).toBe(true);
  });

  it('isInMnsRange: integers within the inclusive range only (Priority 0 is out, as on the service)', () => {
    expect(isInMnsRange(1, MNS_LIMITS.priority)).toBe(true);
    expect(isInMnsRange(16, MNS_LIMITS.priority)).toBe(true);
    for (const v of [0, 17, 1.5, Number.NaN, '8', undefined])
      expect(isInMnsRange(v, MNS_LIMITS.priority)).toBe(false);
  });
});

describe('MNS queue names', () => {
  it('accepts 1–120 letters, digits or hyphens starting with a letter or a digit', () => {
    for (const name of [
      'q',
      '1abc',
      'vod-events',
      'Alicom-Queue-5185079258585835-SmsReport',
      'a'.repeat(120),
      '9',
    ])
      expect(isMnsQueueName(name)).toBe(true);
  });

  it('rejects everything else', () => {
    for (const name of ['', '-abc', 'a'.repeat(121), 'a_b', 'a b', 'ä', 'a.b', 42, undefined, null])
      expect(isMnsQueueName(name)).toBe(false);
    expect(MNS_QUEUE_NAME_PATTERN.test('a'.repeat(121))).toBe(false);
  });

  it('has the rule in words for messages', () => {
    expect(MNS_QUEUE_NAME_RULE).toBe('1–120 letters, digits or hyphens, starting with a letter or digit');
  });
});

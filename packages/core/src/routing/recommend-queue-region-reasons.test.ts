import { describe, expect, it } from 'vitest';
import { recommendQueueRegion } from './recommend-queue-region.js';
import { VOD_STORAGE_REGIONS } from './vod-storage-regions.js';

const reason = (storage: string): string => {
  const r = recommendQueueRegion(storage);
  if (!r.ok) throw r.error;
  return r.value.reason;
};
const failure = (storage: unknown): string => {
  const r = recommendQueueRegion(storage as string);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.error.message;
};

// Equivalent mutants (cannot be killed): the `typeof storageRegion === 'string'` guards → `true` or another
// fallback string (a non-string or that string is found in no table, so the result is the same).
// Each branch of the reason text, asserted whole.
describe('recommendQueueRegion reasons', () => {
  it('cn-shanghai storage: the short same-region sentence', () => {
    expect(reason('cn-shanghai')).toBe('Mainland-China storage: VOD recommends a cn-shanghai queue.');
  });

  it('other mainland storage: cn-shanghai, and a queue in its own region works with a short delay', () => {
    expect(reason('cn-beijing')).toBe(
      'Mainland-China storage (China (Beijing)): VOD recommends a cn-shanghai queue; a queue in another ' +
        'mainland region works with a short delay.',
    );
  });

  it('mainland storage not routed to cn-shanghai (the industry cloud): its own confirmation', () => {
    expect(reason('cn-north-2-gov-1')).toBe(
      'Beijing Government Cloud (industry cloud): Not addressed by the docs. An isolated industry cloud is ' +
        'unlikely to reach public-cloud queues, so the same region is assumed instead of the mainland ' +
        'cn-shanghai rule.',
    );
  });

  it('storage outside mainland China: same region, plus the confirmation', () => {
    expect(reason('eu-central-1')).toBe(
      'Storage outside mainland China (Germany (Frankfurt)): VOD recommends a queue in the same region. ' +
        'Same region; the VOD FAQ names a Frankfurt queue.',
    );
  });

  it('every active region has a reason naming it', () => {
    for (const r of VOD_STORAGE_REGIONS) {
      if (r.deactivated) continue;
      const text = reason(r.id);
      if (r.id !== 'cn-shanghai') expect(text).toContain(r.name);
    }
  });
});

describe('recommendQueueRegion errors', () => {
  const known = VOD_STORAGE_REGIONS.filter((r) => !r.deactivated).map((r) => r.id);

  it('lists only the active ids, comma-separated, and no did-you-mean for an unrelated id', () => {
    const message = failure('cn-atlantis');
    expect(message).toContain(`storageRegion must be a known VOD storage region id: ${known.join(', ')}`);
    expect(message).not.toContain('ap-south-1');
    expect(message).not.toContain('did you mean');
  });

  it.each([
    ['CN-Shanghai', 'cn-shanghai'],
    [' cn-beijing ', 'cn-beijing'],
    ['EU-CENTRAL-1', 'eu-central-1'],
  ])('%j → did you mean %j', (input, suggestion) => {
    expect(failure(input)).toContain(
      `storageRegion must be a known VOD storage region id (did you mean '${suggestion}'?): ${known.join(', ')}`,
    );
  });

  it('a non-string gets no hint and does not throw', () => {
    const message = failure(42);
    expect(message).toContain('storageRegion must be a known VOD storage region id: ');
    expect(message).not.toContain('did you mean');
  });

  it('a deactivated region is named as deactivated', () => {
    expect(failure('ap-south-1')).toContain(
      'storageRegion must be an active VOD storage region (India (Mumbai) is deactivated and receives no new media)',
    );
  });
});

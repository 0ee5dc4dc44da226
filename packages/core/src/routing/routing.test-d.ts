import { describe, expectTypeOf, it } from 'vitest';
import type { MnsConfigError } from '../errors/mns-error.js';
import type { Result } from '../result.js';
import { buildSetMessageCallbackParams } from './build-set-message-callback-params.js';
import type { CallbackFinding, CallbackFindingCode } from './callback-finding.js';
import { checkCallbackConfig } from './check-callback-config.js';
import { type MnsNetwork, type ParsedMnsEndpoint, parseMnsEndpoint } from './parse-mns-endpoint.js';
import { type QueueRegionRecommendation, recommendQueueRegion } from './recommend-queue-region.js';

describe('routing types', () => {
  it('parseMnsEndpoint narrows on isAliyun', () => {
    const r = parseMnsEndpoint('http://127.0.0.1:9988');
    expectTypeOf(r).toEqualTypeOf<Result<ParsedMnsEndpoint, MnsConfigError>>();
    if (r.ok && r.value.isAliyun) {
      expectTypeOf(r.value.accountId).toEqualTypeOf<string>();
      expectTypeOf(r.value.network).toEqualTypeOf<MnsNetwork>();
    }
    if (r.ok && !r.value.isAliyun) {
      expectTypeOf(r.value.region).toEqualTypeOf<undefined>();
      expectTypeOf(r.value.network).toEqualTypeOf<'custom'>();
    }
  });

  it('recommendQueueRegion returns a Result', () => {
    expectTypeOf(recommendQueueRegion('cn-beijing')).toEqualTypeOf<
      Result<QueueRegionRecommendation, MnsConfigError>
    >();
  });

  it('findings carry literal codes', () => {
    expectTypeOf(checkCallbackConfig({})).toEqualTypeOf<CallbackFinding[]>();
    expectTypeOf<CallbackFinding['code']>().toEqualTypeOf<CallbackFindingCode>();
  });

  it('the builder requires the fields of the chosen method', () => {
    // @ts-expect-error MNS needs mnsEndpoint and mnsQueueName
    buildSetMessageCallbackParams({ callbackType: 'MNS', eventTypes: 'ALL' });
    // @ts-expect-error HTTP needs callbackUrl
    buildSetMessageCallbackParams({ callbackType: 'HTTP', eventTypes: 'ALL' });
    expectTypeOf(buildSetMessageCallbackParams)
      .returns.toHaveProperty('CallbackType')
      .toEqualTypeOf<'MNS' | 'HTTP'>();
  });
});

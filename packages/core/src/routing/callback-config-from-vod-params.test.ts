import { describe, expect, it } from 'vitest';
import { buildSetMessageCallbackParams } from './build-set-message-callback-params.js';
import { callbackConfigFromVodParams } from './callback-config-from-vod-params.js';
import { checkCallbackConfig } from './check-callback-config.js';

describe('callbackConfigFromVodParams', () => {
  it('maps a GetMessageCallback MessageCallback (the 2021 doc example with its internal endpoint)', () => {
    const messageCallback = {
      AppId: 'app-1000000',
      CallbackType: 'MNS',
      EventTypeList:
        'FileUploadComplete,StreamTranscodeComplete,TranscodeComplete,SnapshotComplete,AIComplete',
      MnsEndpoint: 'http://1234567890123456.mns.cn-shanghai-internal.aliyuncs.com/',
      MnsQueueName: 'vod-events',
      RequestId: 'ignored',
    };
    const config = callbackConfigFromVodParams(messageCallback, 'cn-shanghai');
    expect(config).toEqual({
      appId: 'app-1000000',
      callbackType: 'MNS',
      eventTypes: 'FileUploadComplete,StreamTranscodeComplete,TranscodeComplete,SnapshotComplete,AIComplete',
      mnsEndpoint: 'http://1234567890123456.mns.cn-shanghai-internal.aliyuncs.com/',
      mnsQueueName: 'vod-events',
      storageRegion: 'cn-shanghai',
    });
    expect(checkCallbackConfig(config).map((f) => f.code)).toEqual(['mns-endpoint-not-public']);
  });

  it('accepts the ROS spelling CallbackUrl and skips null values', () => {
    expect(
      callbackConfigFromVodParams({
        CallbackType: 'HTTP',
        CallbackUrl: 'https://x.example.com/cb',
        AuthKey: null,
      }),
    ).toEqual({ callbackType: 'HTTP', callbackUrl: 'https://x.example.com/cb' });
  });

  it('round-trips buildSetMessageCallbackParams', () => {
    const params = buildSetMessageCallbackParams({
      callbackType: 'HTTP',
      callbackUrl: 'https://media.example.com/vod/callback',
      authKey: 'Vodmns2025Key',
      eventTypes: ['FileUploadComplete'],
    });
    const findings = checkCallbackConfig(callbackConfigFromVodParams(params, 'eu-central-1'));
    expect(findings.map((f) => f.code)).toEqual(['callback-type-http']);
  });

  it('turns a non-object into an empty config that the check reports', () => {
    const config = callbackConfigFromVodParams(null as never);
    expect(config).toEqual({});
    expect(checkCallbackConfig(config).map((f) => f.code)).toContain('callback-type-missing');
  });
});

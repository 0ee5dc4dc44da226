import { describe, expect, it } from 'vitest';
import { isMnsError, MnsConfigError } from '../errors/mns-error.js';
import {
  buildSetMessageCallbackParams,
  type SetMessageCallbackInput,
} from './build-set-message-callback-params.js';
import { VodCallbackConfigError } from './vod-callback-config-error.js';

const ENDPOINT = 'http://1234567890123456.mns.cn-shanghai.aliyuncs.com/';

describe('buildSetMessageCallbackParams', () => {
  it.each<[string, SetMessageCallbackInput, Record<string, string>]>([
    [
      'MNS with defaults',
      {
        callbackType: 'MNS',
        mnsEndpoint: ENDPOINT,
        mnsQueueName: 'vod-events',
        eventTypes: ['FileUploadComplete', 'TranscodeComplete', 'AIComplete'],
      },
      {
        CallbackType: 'MNS',
        MnsEndpoint: ENDPOINT,
        MnsQueueName: 'vod-events',
        EventTypeList: 'FileUploadComplete,TranscodeComplete,AIComplete',
        AppId: 'app-1000000',
      },
    ],
    [
      'MNS, string list normalised, custom app, cross-region only warns',
      {
        callbackType: 'MNS',
        mnsEndpoint: ` ${ENDPOINT} `,
        mnsQueueName: 'q1',
        eventTypes: 'FileUploadComplete, SnapshotComplete,FileUploadComplete',
        appId: 'app-2000001',
        storageRegion: 'eu-central-1',
      },
      {
        CallbackType: 'MNS',
        MnsEndpoint: ENDPOINT,
        MnsQueueName: 'q1',
        EventTypeList: 'FileUploadComplete,SnapshotComplete',
        AppId: 'app-2000001',
      },
    ],
    [
      'HTTP with a key: AuthSwitch defaults to on',
      {
        callbackType: 'HTTP',
        callbackUrl: 'https://media.example.com/vod/callback',
        authKey: 'Vodmns2025Key',
        eventTypes: 'ALL',
      },
      {
        CallbackType: 'HTTP',
        CallbackURL: 'https://media.example.com/vod/callback',
        AuthSwitch: 'on',
        AuthKey: 'Vodmns2025Key',
        EventTypeList: 'ALL',
        AppId: 'app-1000000',
      },
    ],
    [
      'HTTP without key: AuthSwitch off, no AuthKey; empty list allowed (disables all)',
      { callbackType: 'HTTP', callbackUrl: 'https://media.example.com/cb', eventTypes: [] },
      {
        CallbackType: 'HTTP',
        CallbackURL: 'https://media.example.com/cb',
        AuthSwitch: 'off',
        EventTypeList: '',
        AppId: 'app-1000000',
      },
    ],
  ])('%s', (_name, input, expected) => {
    expect(buildSetMessageCallbackParams(input)).toStrictEqual(expected);
  });

  it.each<[string, SetMessageCallbackInput, string[]]>([
    [
      'internal endpoint',
      {
        callbackType: 'MNS',
        mnsEndpoint: 'http://1.mns.cn-shanghai-internal.aliyuncs.com',
        mnsQueueName: 'q',
        eventTypes: 'ALL',
      },
      ['mns-endpoint-not-public'],
    ],
    [
      'bad queue and unknown event',
      { callbackType: 'MNS', mnsEndpoint: ENDPOINT, mnsQueueName: 'a_b', eventTypes: ['Nope'] },
      ['mns-queue-name-invalid', 'event-type-unknown'],
    ],
    [
      'weak key, switch on',
      {
        callbackType: 'HTTP',
        callbackUrl: 'https://media.example.com/cb',
        authSwitch: 'on',
        authKey: 'test123',
        eventTypes: 'ALL',
      },
      ['auth-key-character-classes'],
    ],
  ])('%s → VodCallbackConfigError', (_name, input, errorCodes) => {
    let caught: unknown;
    try {
      buildSetMessageCallbackParams(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(VodCallbackConfigError);
    expect(caught).toBeInstanceOf(MnsConfigError);
    const error = caught as VodCallbackConfigError;
    expect(isMnsError(error)).toBe(true);
    expect(error.code).toBe('ERR_MNS_INVALID_ARGUMENT');
    expect(error.retryable).toBe(false);
    expect(error.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(errorCodes);
    expect(error.message).toMatch(/^ERR_MNS_INVALID_ARGUMENT: invalid VOD callback configuration: /);
    expect(JSON.stringify(error.toJSON())).not.toContain('test123');
  });

  it('rejects a missing or wrong callbackType with MnsConfigError', () => {
    expect(() => buildSetMessageCallbackParams({ callbackType: 'SMQ' } as never)).toThrow(
      /callbackType must be 'MNS' or 'HTTP'; got 'SMQ'/,
    );
    expect(() => buildSetMessageCallbackParams(null as never)).toThrow(MnsConfigError);
  });
});

import { describe, expect, it } from 'vitest';
import { KNOWN_VOD_EVENT_TYPES } from '../events/vod-event-schemas.js';
import type { CallbackConfig } from './callback-config.js';
import { CALLBACK_FINDINGS, type CallbackFindingCode } from './callback-finding.js';
import { checkCallbackConfig } from './check-callback-config.js';

const ACCOUNT = '1234567890123456';
const SHANGHAI = `http://${ACCOUNT}.mns.cn-shanghai.aliyuncs.com/`;

/** A configuration with no findings at all; each case changes one thing. */
const GOOD_MNS: CallbackConfig = {
  callbackType: 'MNS',
  storageRegion: 'cn-shanghai',
  mnsEndpoint: SHANGHAI,
  mnsQueueName: 'vod-events',
  eventTypes: ['FileUploadComplete', 'TranscodeComplete', 'AIComplete'],
};
const GOOD_HTTP: CallbackConfig = {
  callbackType: 'HTTP',
  storageRegion: 'eu-central-1',
  callbackUrl: 'https://media.example.com/vod/callback',
  authSwitch: 'on',
  authKey: 'Vodmns2025Key',
  eventTypes: 'ALL',
};

/** Severity:code of each finding; the note every HTTP configuration gets is tested once, separately. */
const codes = (config: CallbackConfig) =>
  checkCallbackConfig(config)
    .filter((f) => f.code !== 'callback-type-http')
    .map((f) => `${f.severity}:${f.code}`);

describe('checkCallbackConfig', () => {
  it('reports nothing for a good MNS configuration, and only the MNS recommendation for a good HTTP one', () => {
    expect(checkCallbackConfig(GOOD_MNS)).toEqual([]);
    expect(checkCallbackConfig(GOOD_HTTP)).toEqual([
      {
        code: 'callback-type-http',
        severity: 'info',
        field: 'callbackType',
        message:
          'HTTP callbacks are lost whenever the receiver is down or restarting (3 attempts about 1 s apart, then discarded)',
        hint: 'Alibaba recommends MNS callbacks: the queue keeps events until you delete them.',
      },
    ]);
  });

  it.each<[string, CallbackConfig, readonly `${'error' | 'warning' | 'info'}:${CallbackFindingCode}`[]]>([
    // general
    ['no callback type', { ...GOOD_MNS, callbackType: undefined }, ['error:callback-type-missing']],
    ['bad callback type', { ...GOOD_MNS, callbackType: 'SMQ' }, ['error:callback-type-invalid']],
    ['lower-case type is accepted', { ...GOOD_MNS, callbackType: 'mns' }, []],
    ['empty AppId', { ...GOOD_MNS, appId: ' ' }, ['error:app-id-invalid']],
    ['no storage region', { ...GOOD_MNS, storageRegion: undefined }, ['info:storage-region-missing']],
    [
      'unknown storage region',
      { ...GOOD_MNS, storageRegion: 'cn-atlantis' },
      ['warning:storage-region-unknown'],
    ],
    [
      'deactivated storage region',
      {
        ...GOOD_MNS,
        storageRegion: 'ap-south-1',
        mnsEndpoint: `http://${ACCOUNT}.mns.ap-south-1.aliyuncs.com`,
      },
      ['error:storage-region-deactivated', 'warning:mns-region-unknown'],
    ],
    // MNS endpoint
    ['no endpoint', { ...GOOD_MNS, mnsEndpoint: undefined }, ['error:mns-endpoint-missing']],
    ['malformed endpoint', { ...GOOD_MNS, mnsEndpoint: 'cn-shanghai' }, ['error:mns-endpoint-malformed']],
    [
      'control-plane host',
      { ...GOOD_MNS, mnsEndpoint: 'https://mns-open.cn-shanghai.aliyuncs.com' },
      ['error:mns-endpoint-malformed'],
    ],
    [
      'local server',
      { ...GOOD_MNS, mnsEndpoint: 'http://127.0.0.1:9988' },
      ['error:mns-endpoint-not-aliyun'],
    ],
    [
      'internal endpoint (the 2021 doc example)',
      { ...GOOD_MNS, mnsEndpoint: `http://${ACCOUNT}.mns.cn-shanghai-internal.aliyuncs.com/` },
      ['error:mns-endpoint-not-public'],
    ],
    [
      'VPC endpoint',
      { ...GOOD_MNS, mnsEndpoint: `http://${ACCOUNT}.mns.cn-shanghai-internal-vpc.aliyuncs.com` },
      ['error:mns-endpoint-not-public'],
    ],
    [
      'https endpoint',
      { ...GOOD_MNS, mnsEndpoint: `https://${ACCOUNT}.mns.cn-shanghai.aliyuncs.com` },
      ['info:mns-endpoint-https'],
    ],
    [
      'typo in the endpoint region',
      { ...GOOD_MNS, storageRegion: undefined, mnsEndpoint: `http://${ACCOUNT}.mns.cn-shangai.aliyuncs.com` },
      ['info:storage-region-missing', 'warning:mns-region-unknown'],
    ],
    // queue name
    ['no queue name', { ...GOOD_MNS, mnsQueueName: undefined }, ['error:mns-queue-name-missing']],
    [
      'queue name with underscore',
      { ...GOOD_MNS, mnsQueueName: 'vod_events' },
      ['error:mns-queue-name-invalid'],
    ],
    ['queue name starting with -', { ...GOOD_MNS, mnsQueueName: '-vod' }, ['error:mns-queue-name-invalid']],
    [
      'queue name of 121 chars',
      { ...GOOD_MNS, mnsQueueName: 'q'.repeat(121) },
      ['error:mns-queue-name-invalid'],
    ],
    ['queue name of 120 chars', { ...GOOD_MNS, mnsQueueName: `9${'q'.repeat(119)}` }, []],
    // region rule
    ['Beijing storage, Shanghai queue', { ...GOOD_MNS, storageRegion: 'cn-beijing' }, []],
    [
      'Beijing storage, Beijing queue',
      {
        ...GOOD_MNS,
        storageRegion: 'cn-beijing',
        mnsEndpoint: `http://${ACCOUNT}.mns.cn-beijing.aliyuncs.com/`,
      },
      ['warning:queue-region-short-delay'],
    ],
    [
      'Shanghai storage, Shenzhen queue',
      { ...GOOD_MNS, mnsEndpoint: `http://${ACCOUNT}.mns.cn-shenzhen.aliyuncs.com/` },
      ['warning:queue-region-short-delay'],
    ],
    [
      'Frankfurt storage, Shanghai queue',
      { ...GOOD_MNS, storageRegion: 'eu-central-1' },
      ['warning:queue-region-cross-region'],
    ],
    [
      'Shanghai storage, Singapore queue',
      { ...GOOD_MNS, mnsEndpoint: `http://${ACCOUNT}.mns.ap-southeast-1.aliyuncs.com/` },
      ['warning:queue-region-cross-region'],
    ],
    [
      'Hong Kong storage, Shanghai queue (HK is not mainland)',
      { ...GOOD_MNS, storageRegion: 'cn-hongkong' },
      ['warning:queue-region-cross-region'],
    ],
    [
      'Riyadh storage, Dubai queue: low-confidence recommendation → info',
      {
        ...GOOD_MNS,
        storageRegion: 'me-central-1',
        mnsEndpoint: `http://${ACCOUNT}.mns.me-east-1.aliyuncs.com/`,
      },
      ['info:queue-region-cross-region'],
    ],
    [
      'HTTP-only fields in MNS mode',
      { ...GOOD_MNS, callbackUrl: 'https://x.example.com', authKey: 'Aa1' },
      ['info:http-field-ignored', 'info:http-field-ignored'],
    ],
    // HTTP
    ['no callback URL', { ...GOOD_HTTP, callbackUrl: undefined }, ['error:callback-url-missing']],
    [
      'callback URL of 257 bytes',
      { ...GOOD_HTTP, callbackUrl: `https://media.example.com/${'a'.repeat(231)}` },
      ['error:callback-url-too-long'],
    ],
    [
      'callback URL of 256 bytes',
      { ...GOOD_HTTP, callbackUrl: `https://media.example.com/${'a'.repeat(230)}` },
      [],
    ],
    [
      'multi-byte characters count as bytes',
      { ...GOOD_HTTP, callbackUrl: `https://media.example.com/${'é'.repeat(116)}` },
      ['error:callback-url-too-long'],
    ],
    ['relative URL', { ...GOOD_HTTP, callbackUrl: '/vod/callback' }, ['error:callback-url-invalid']],
    ['ftp URL', { ...GOOD_HTTP, callbackUrl: 'ftp://media.example.com/cb' }, ['error:callback-url-invalid']],
    [
      'two URLs',
      { ...GOOD_HTTP, callbackUrl: 'https://a.example.com/cb,https://b.example.com/cb' },
      ['error:callback-url-multiple'],
    ],
    ['plain http', { ...GOOD_HTTP, callbackUrl: 'http://media.example.com/cb' }, ['info:callback-url-http']],
    [
      'loopback receiver',
      { ...GOOD_HTTP, callbackUrl: 'https://127.0.0.1:8443/cb' },
      ['warning:callback-url-not-public'],
    ],
    [
      'private receiver',
      { ...GOOD_HTTP, callbackUrl: 'https://192.168.1.20/cb' },
      ['warning:callback-url-not-public'],
    ],
    [
      '172.20 is private',
      { ...GOOD_HTTP, callbackUrl: 'https://172.20.0.1/cb' },
      ['warning:callback-url-not-public'],
    ],
    ['172.32 is public', { ...GOOD_HTTP, callbackUrl: 'https://172.32.0.1/cb' }, []],
    [
      'AuthSwitch ON',
      { ...GOOD_HTTP, authSwitch: 'ON' },
      ['error:auth-switch-invalid', 'info:auth-key-unused'],
    ],
    ['AuthSwitch on without key', { ...GOOD_HTTP, authKey: undefined }, ['error:auth-key-missing']],
    ['AuthKey of 33 chars', { ...GOOD_HTTP, authKey: `Aa1${'x'.repeat(30)}` }, ['error:auth-key-too-long']],
    ['AuthKey of 32 chars', { ...GOOD_HTTP, authKey: `Aa1${'x'.repeat(29)}` }, []],
    [
      "the docs' old example key dsf346dvet",
      { ...GOOD_HTTP, authKey: 'dsf346dvet' },
      ['error:auth-key-character-classes'],
    ],
    ['key without digits', { ...GOOD_HTTP, authKey: 'VodKey' }, ['error:auth-key-character-classes']],
    [
      'key not a string',
      { ...GOOD_HTTP, authKey: 1234 as never },
      ['error:auth-key-missing', 'error:auth-key-invalid'],
    ],
    ['key set, switch off', { ...GOOD_HTTP, authSwitch: 'off' }, ['info:auth-key-unused']],
    ['no auth at all', { ...GOOD_HTTP, authSwitch: undefined, authKey: undefined }, ['info:auth-disabled']],
    ['MNS-only fields in HTTP mode', { ...GOOD_HTTP, mnsQueueName: 'q' }, ['info:mns-field-ignored']],
    // event types
    ['empty list', { ...GOOD_MNS, eventTypes: [] }, ['warning:event-types-empty']],
    ['empty string', { ...GOOD_MNS, eventTypes: '' }, ['warning:event-types-empty']],
    ['absent list', { ...GOOD_MNS, eventTypes: undefined }, ['warning:event-types-empty']],
    ['not a list', { ...GOOD_MNS, eventTypes: 42 as never }, ['error:event-types-invalid']],
    ['non-string entry', { ...GOOD_MNS, eventTypes: ['ALL', 7] as never }, ['error:event-types-invalid']],
    [
      'unknown name',
      { ...GOOD_MNS, eventTypes: 'FileUploadComplete,VideoUploaded' },
      ['error:event-type-unknown'],
    ],
    ['wrong case', { ...GOOD_MNS, eventTypes: ['transcodeComplete'] }, ['error:event-type-unknown']],
    ['trailing comma', { ...GOOD_MNS, eventTypes: 'FileUploadComplete,' }, ['error:event-type-unknown']],
    [
      'full-width comma',
      { ...GOOD_MNS, eventTypes: 'FileUploadComplete，TranscodeComplete' },
      ['error:event-types-fullwidth-comma', 'error:event-type-unknown'],
    ],
    [
      'spaces after commas',
      { ...GOOD_MNS, eventTypes: 'FileUploadComplete, TranscodeComplete' },
      ['warning:event-type-whitespace'],
    ],
    [
      'AI events listed one by one',
      { ...GOOD_MNS, eventTypes: ['AIMediaAuditComplete', 'AIVideoTagComplete', 'AIMediaDNAComplete'] },
      [
        'warning:event-type-ai-individual',
        'warning:event-type-ai-individual',
        'warning:event-type-ai-individual',
      ],
    ],
    [
      'ALL with others',
      { ...GOOD_MNS, eventTypes: 'ALL,FileUploadComplete' },
      ['warning:event-type-all-combined'],
    ],
    [
      'duplicate',
      { ...GOOD_MNS, eventTypes: ['TranscodeComplete', 'TranscodeComplete'] },
      ['info:event-type-duplicate'],
    ],
    [
      'API-only event',
      { ...GOOD_MNS, eventTypes: ['SubmitMediaRefreshComplete'] },
      ['info:event-type-api-only'],
    ],
  ])('%s', (_name, config, expected) => {
    expect(codes(config)).toEqual(expected);
  });

  it('accepts every one of the 22 event types (AI ones only with a warning)', () => {
    const findings = checkCallbackConfig({ ...GOOD_MNS, eventTypes: [...KNOWN_VOD_EVENT_TYPES] });
    expect(KNOWN_VOD_EVENT_TYPES).toHaveLength(22);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.code === 'event-type-ai-individual').map((f) => f.field)).toHaveLength(3);
  });

  it('gives fields, messages and hints that point at the fix', () => {
    const [wrongCase] = checkCallbackConfig({ ...GOOD_MNS, eventTypes: ['Foo', 'transcodecomplete'] }).slice(
      1,
    );
    expect(wrongCase).toMatchObject({
      field: 'eventTypes[1]',
      message: "'transcodecomplete' is not a VOD event type (names are case-sensitive)",
      hint: "Did you mean 'TranscodeComplete'?",
    });
    const [internal] = checkCallbackConfig({
      ...GOOD_MNS,
      mnsEndpoint: `http://${ACCOUNT}.mns.cn-shanghai-internal.aliyuncs.com/`,
    });
    expect(internal?.field).toBe('mnsEndpoint');
    expect(internal?.hint).toBe(`Use http://${ACCOUNT}.mns.cn-shanghai.aliyuncs.com/`);
    const [delay] = checkCallbackConfig({
      ...GOOD_MNS,
      storageRegion: 'cn-beijing',
      mnsEndpoint: `http://${ACCOUNT}.mns.cn-beijing.aliyuncs.com/`,
    });
    expect(delay?.message).toMatch(/short delay/);
    const [region] = checkCallbackConfig({ ...GOOD_MNS, storageRegion: 'CN-BEIJING' });
    expect(region?.hint).toBe("Did you mean 'cn-beijing'?");
  });

  it('never reveals the AuthKey', () => {
    const secret = 'SECRETsecret1234567890SECRETsecret';
    const findings = checkCallbackConfig({ ...GOOD_HTTP, authKey: secret });
    expect(findings.map((f) => f.code)).toEqual(['callback-type-http', 'auth-key-too-long']);
    expect(JSON.stringify(findings)).not.toContain(secret);
    const weak = checkCallbackConfig({ ...GOOD_HTTP, authKey: 'lowercaseonly' });
    expect(JSON.stringify(weak)).not.toContain('lowercaseonly');
    expect(weak[1]?.message).toMatch(/no upper-case letters and no digits/);
  });

  it('reports a non-object instead of throwing', () => {
    expect(codes(null as never)).toEqual(['error:config-invalid']);
    expect(codes('MNS' as never)).toEqual(['error:config-invalid']);
  });

  it('takes every severity from the finding table', () => {
    const configs: CallbackConfig[] = [
      { ...GOOD_MNS, mnsEndpoint: 'http://1.mns.cn-beijing-internal.aliyuncs.com/', eventTypes: [] },
      { ...GOOD_MNS, storageRegion: 'ap-southeast-5', mnsEndpoint: SHANGHAI, mnsQueueName: '-bad' },
      {
        ...GOOD_HTTP,
        callbackUrl: 'http://127.0.0.1/cb',
        authKey: 42 as never,
        eventTypes: 'ALL,aicomplete',
      },
    ];
    for (const finding of configs.flatMap((c) => checkCallbackConfig(c))) {
      const spec: { severity: string; lowConfidenceSeverity?: string } = CALLBACK_FINDINGS[finding.code];
      expect([spec.severity, spec.lowConfidenceSeverity]).toContain(finding.severity);
    }
  });
});

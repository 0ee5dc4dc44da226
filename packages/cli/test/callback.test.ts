import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closedPort,
  MNS_LOCAL_BIN,
  type MnsLocalProcess,
  missingDist,
  spawnMnsLocal,
} from './helpers/mns-local-process.js';
import { vodmns } from './helpers/run.js';

const skip = missingDist(MNS_LOCAL_BIN);
const PUBLIC = 'http://1234567890123456.mns.cn-shanghai.aliyuncs.com/';

describe('vodmns callback print', () => {
  it('prints the SetMessageCallback parameters and the aliyun CLI line', async () => {
    const r = await vodmns([
      'callback',
      'print',
      '--mns-endpoint',
      PUBLIC,
      '--queue',
      'vod-events',
      '--storage-region',
      'cn-beijing',
      '--event-types',
      'FileUploadComplete,TranscodeComplete',
      '--event-types',
      'AIComplete',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/CallbackType\s+MNS/);
    expect(r.stdout).toMatch(/MnsEndpoint\s+http:\/\/1234567890123456\.mns\.cn-shanghai\.aliyuncs\.com\//);
    expect(r.stdout).toMatch(/EventTypeList\s+FileUploadComplete,TranscodeComplete,AIComplete/);
    expect(r.stdout).toContain("aliyun vod SetMessageCallback --CallbackType 'MNS'");
  });

  it('prints JSON and masks an AuthKey', async () => {
    const r = await vodmns([
      'callback',
      'print',
      '--callback-type',
      'HTTP',
      '--callback-url',
      'https://media.example.com/vod/callback',
      '--auth-key',
      'Vodmns2025Key',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const params = JSON.parse(r.stdout) as Record<string, string>;
    expect(params).toMatchObject({
      CallbackType: 'HTTP',
      CallbackURL: 'https://media.example.com/vod/callback',
      AuthSwitch: 'on',
    });
    expect(r.stdout).not.toContain('Vodmns2025Key');
  });

  it('refuses a non-public endpoint with one line, a hint and exit 1', async () => {
    const r = await vodmns([
      'callback',
      'print',
      '--mns-endpoint',
      'http://1234567890123456.mns.cn-shanghai-internal.aliyuncs.com/',
      '--queue',
      'q',
    ]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/configuration error\(s\); first: mnsEndpoint: /);
  });
});

describe.skipIf(skip !== undefined)(`vodmns callback check${skip ? ` — skipped: ${skip}` : ''}`, () => {
  let server: MnsLocalProcess;
  beforeAll(async () => {
    server = await spawnMnsLocal();
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  it("passes a good configuration whose queue exists and follows VOD's advice", async () => {
    await vodmns(['queue', 'create', 'vod-events-ok', '--retention', '86400'], server.env);
    const r = await vodmns(
      [
        'callback',
        'check',
        '--storage-region',
        'cn-beijing',
        '--mns-endpoint',
        PUBLIC,
        '--queue',
        'vod-events-ok',
        '--probe-endpoint',
        server.endpoint,
        '--json',
      ],
      server.env,
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      ok: boolean;
      findings: unknown[];
      probes: { check: string; ok: boolean }[];
    };
    expect(out.ok).toBe(true);
    expect(out.probes.map((p) => p.check)).toEqual([
      'endpoint reachable',
      'credentials accepted',
      'queue exists',
      'retention ≥ 3600 s',
      'max message size 65536',
    ]);
  });

  it('reports static findings (exit 1) and a missing queue', async () => {
    const r = await vodmns(
      [
        'callback',
        'check',
        '--storage-region',
        'ap-southeast-1',
        '--mns-endpoint',
        'http://1234567890123456.mns.cn-shanghai-internal.aliyuncs.com/',
        '--queue',
        'nope',
        '--probe-endpoint',
        server.endpoint,
      ],
      server.env,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error\s+mnsEndpoint/);
    expect(r.stdout).toMatch(/queue exists\s+FAILED\s+no queue named nope/);
    expect(r.stdout).toMatch(/NOT OK: \d+ configuration error\(s\), 1 failed probe\(s\)/);
  });

  it('flags a short retention as a failed probe', async () => {
    await vodmns(['queue', 'create', 'vod-events-short', '--retention', '600'], server.env);
    const r = await vodmns(
      [
        'callback',
        'check',
        '--storage-region',
        'cn-beijing',
        '--mns-endpoint',
        PUBLIC,
        '--queue',
        'vod-events-short',
        '--probe-endpoint',
        server.endpoint,
      ],
      server.env,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/retention ≥ 3600 s\s+FAILED\s+MessageRetentionPeriod 600 s/);
  });

  it('exit 3 when the credentials are rejected, 4 when the endpoint is unreachable', async () => {
    const bad = await vodmns(
      [
        'callback',
        'check',
        '--storage-region',
        'cn-beijing',
        '--mns-endpoint',
        PUBLIC,
        '--queue',
        'q',
        '--probe-endpoint',
        server.endpoint,
      ],
      { ...server.env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'wrong-secret-value-123' },
    );
    expect(bad.code).toBe(3);
    expect(bad.stdout).not.toContain('wrong-secret-value-123');
    const port = await closedPort();
    const down = await vodmns(
      [
        'callback',
        'check',
        '--storage-region',
        'cn-beijing',
        '--mns-endpoint',
        PUBLIC,
        '--queue',
        'q',
        '--probe-endpoint',
        `http://127.0.0.1:${port}`,
      ],
      server.env,
    );
    expect(down.code).toBe(4);
    expect(down.stdout).toMatch(/endpoint reachable\s+FAILED/);
  });

  it('skips probes without a connection and says so', async () => {
    const r = await vodmns([
      'callback',
      'check',
      '--storage-region',
      'cn-beijing',
      '--mns-endpoint',
      PUBLIC,
      '--queue',
      'q',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('live probes skipped: no MNS endpoint configured');
  });
});

import { MnsConfigError } from '@vodmns/core';
import { describe, expect, it } from 'vitest';
import { resolveMnsClientOptions } from './client-options.js';

const creds = { accessKeyId: 'id', accessKeySecret: 'secret' };

describe('resolveMnsClientOptions', () => {
  it('builds the endpoint from account id + region (https, public by default) with core routing', () => {
    const o = resolveMnsClientOptions({
      accountId: '1234567890123456',
      region: 'cn-shanghai',
      credentials: creds,
    });
    expect(o.origin).toBe('https://1234567890123456.mns.cn-shanghai.aliyuncs.com');
    expect(o.region).toBe('cn-shanghai');
    expect(o.signatureVersion).toBe('v1');
    expect(
      resolveMnsClientOptions({
        accountId: '1',
        region: 'cn-beijing',
        network: 'vpc',
        protocol: 'http',
        credentials: creds,
      }).origin,
    ).toBe('http://1.mns.cn-beijing-internal-vpc.aliyuncs.com');
  });

  it('takes any explicit URL and the region from an Alibaba Cloud endpoint', () => {
    expect(resolveMnsClientOptions({ endpoint: 'http://127.0.0.1:9988', credentials: creds }).origin).toBe(
      'http://127.0.0.1:9988',
    );
    const o = resolveMnsClientOptions({
      endpoint: 'https://1234.mns.ap-southeast-1-internal.aliyuncs.com/',
      credentials: creds,
      signatureVersion: 'v4',
    });
    expect(o.region).toBe('ap-southeast-1');
  });

  it('has documented defaults', () => {
    const o = resolveMnsClientOptions({ endpoint: 'http://127.0.0.1:1', credentials: creds });
    expect(o).toMatchObject({
      connections: 16,
      timeoutMs: 10_000,
      longPollSlackMs: 5_000,
      sendBodyEncoding: 'raw',
      receiveBodyEncoding: 'raw',
      verifyMessageBodyMd5: true,
      retry: { maxAttempts: 3 },
    });
  });

  it.each([
    [{}, /endpoint must be an http\(s\) URL, or accountId and region/],
    [{ endpoint: 'ftp://x' }, /endpoint/],
    [{ endpoint: 'http://127.0.0.1:1', signatureVersion: 'v4' }, /region must be a region id.*got undefined/],
    [
      { endpoint: 'http://127.0.0.1:1', signatureVersion: 'v2' },
      /signatureVersion must be 'v1' or 'v4'; got 'v2'/,
    ],
    [
      { endpoint: 'http://127.0.0.1:1', timeoutMs: 50 },
      /timeoutMs must be an integer from 100 to 600000; got 50/,
    ],
    [
      { endpoint: 'http://127.0.0.1:1', longPollSlackMs: 1000 },
      /longPollSlackMs must be an integer from 5000/,
    ],
    [
      { endpoint: 'http://127.0.0.1:1', connections: 0 },
      /connections must be an integer from 1 to 1024; got 0/,
    ],
    [{ endpoint: 'http://127.0.0.1:1', retry: { maxAttempts: 0 } }, /retry.maxAttempts/],
    [
      { endpoint: 'http://127.0.0.1:1', receiveBodyEncoding: 'hex' },
      /receiveBodyEncoding must be 'auto' or 'raw' or 'base64'/,
    ],
    [
      { endpoint: 'http://127.0.0.1:1', timeoutMS: 5 },
      /options must be one of .* \(unknown key\); got 'timeoutMS'/,
    ],
    [{ endpoint: 'http://127.0.0.1:1', dispatcher: {} }, /dispatcher must be an undici Dispatcher/],
  ])('rejects %j', (options, message) => {
    const run = () => resolveMnsClientOptions({ credentials: creds, ...(options as object) });
    expect(run).toThrow(MnsConfigError);
    expect(run).toThrow(message);
  });

  it('reads the environment when no credentials are given, and fails naming the variable', () => {
    const saved = { ...process.env };
    try {
      delete process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
      expect(() => resolveMnsClientOptions({ endpoint: 'http://127.0.0.1:1' })).toThrow(
        /ALIBABA_CLOUD_ACCESS_KEY_ID is not set/,
      );
      process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'env-id';
      process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'env-secret';
      const o = resolveMnsClientOptions({ endpoint: 'http://127.0.0.1:1' });
      expect('provider' in o.credentials).toBe(true);
    } finally {
      process.env = saved;
    }
  });
});

import { describe, expect, it } from 'vitest';
import { MnsConfigError } from '../errors/mns-error.js';
import { type BuildMnsEndpointInput, buildMnsEndpoint } from './build-mns-endpoint.js';
import { parseMnsEndpoint } from './parse-mns-endpoint.js';

const ACCOUNT = '1234567890123456';

describe('buildMnsEndpoint', () => {
  it.each<[BuildMnsEndpointInput, string]>([
    [{ accountId: ACCOUNT, region: 'cn-shanghai' }, `https://${ACCOUNT}.mns.cn-shanghai.aliyuncs.com`],
    [
      { accountId: ACCOUNT, region: 'cn-hangzhou', protocol: 'http' },
      `http://${ACCOUNT}.mns.cn-hangzhou.aliyuncs.com`,
    ],
    [
      { accountId: ACCOUNT, region: 'cn-hangzhou', network: 'internal' },
      `https://${ACCOUNT}.mns.cn-hangzhou-internal.aliyuncs.com`,
    ],
    [
      { accountId: ACCOUNT, region: 'ap-southeast-1', network: 'vpc', protocol: 'http' },
      `http://${ACCOUNT}.mns.ap-southeast-1-internal-vpc.aliyuncs.com`,
    ],
    [
      { accountId: '1', region: 'cn-zhengzhou-jva', network: 'public', protocol: undefined },
      'https://1.mns.cn-zhengzhou-jva.aliyuncs.com',
    ],
  ])('%o → %s', (input, expected) => {
    expect(buildMnsEndpoint(input)).toBe(expected);
  });

  it.each([
    [{ accountId: 'abc', region: 'cn-shanghai' }, /accountId must be a numeric .*got 'abc'/],
    [{ accountId: 1234567890123456, region: 'cn-shanghai' }, /accountId must be .*got 1234567890123456/],
    [{ accountId: '', region: 'cn-shanghai' }, /accountId must be/],
    [{ accountId: ACCOUNT, region: 'Shanghai' }, /region must be a region id .*got 'Shanghai'/],
    [{ accountId: ACCOUNT, region: 'cn-shanghai.evil.com' }, /region must be a region id/],
    [{ accountId: ACCOUNT, region: 'cn-shanghai-internal' }, /without network suffix/],
    [{ accountId: ACCOUNT, region: 'cn-shanghai', network: 'private' }, /network must be .*got 'private'/],
    [{ accountId: ACCOUNT, region: 'cn-shanghai', protocol: 'ftp' }, /protocol must be .*got 'ftp'/],
    [
      { accountId: ACCOUNT, region: 'cn-shanghai', regoin: 'x' },
      /input\.regoin must be one of the known options/,
    ],
    [null, /input must be an object/],
  ])('%o → MnsConfigError', (input, message) => {
    let caught: unknown;
    try {
      buildMnsEndpoint(input as unknown as BuildMnsEndpointInput);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MnsConfigError);
    expect((caught as MnsConfigError).code).toBe('ERR_MNS_INVALID_ARGUMENT');
    expect((caught as MnsConfigError).message).toMatch(message);
  });
});

describe('parseMnsEndpoint', () => {
  it.each([
    [
      `https://${ACCOUNT}.mns.cn-shanghai.aliyuncs.com`,
      { protocol: 'https', accountId: ACCOUNT, region: 'cn-shanghai', network: 'public', isAliyun: true },
    ],
    [
      `http://${ACCOUNT}.mns.cn-shanghai.aliyuncs.com/`,
      { protocol: 'http', accountId: ACCOUNT, region: 'cn-shanghai', network: 'public', isAliyun: true },
    ],
    [
      `http://${ACCOUNT}.mns.cn-shanghai-internal.aliyuncs.com/`,
      { protocol: 'http', region: 'cn-shanghai', network: 'internal', isAliyun: true },
    ],
    [
      `http://${ACCOUNT}.mns.cn-hangzhou-internal-vpc.aliyuncs.com`,
      { region: 'cn-hangzhou', network: 'vpc', isAliyun: true },
    ],
    [`  HTTPS://${ACCOUNT}.MNS.EU-CENTRAL-1.ALIYUNCS.COM  `, { region: 'eu-central-1', network: 'public' }],
    [
      'http://127.0.0.1:9988',
      {
        protocol: 'http',
        host: '127.0.0.1',
        port: 9988,
        origin: 'http://127.0.0.1:9988',
        network: 'custom',
        isAliyun: false,
        isLoopback: true,
      },
    ],
    ['http://localhost:1234/', { network: 'custom', isAliyun: false, isLoopback: true, port: 1234 }],
    ['http://[::1]:80', { host: '[::1]', isLoopback: true }],
    ['https://mns.example.com', { host: 'mns.example.com', isAliyun: false, isLoopback: false }],
  ])('%s parses', (url, expected) => {
    const r = parseMnsEndpoint(url);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject(expected);
  });

  it('omits default ports and gives an origin without trailing slash', () => {
    const r = parseMnsEndpoint(`https://${ACCOUNT}.mns.cn-shanghai.aliyuncs.com:443/`);
    expect(r.ok && r.value).toEqual({
      protocol: 'https',
      host: `${ACCOUNT}.mns.cn-shanghai.aliyuncs.com`,
      origin: `https://${ACCOUNT}.mns.cn-shanghai.aliyuncs.com`,
      isAliyun: true,
      accountId: ACCOUNT,
      region: 'cn-shanghai',
      network: 'public',
    });
  });

  it('custom endpoints carry no account or region', () => {
    const r = parseMnsEndpoint('http://127.0.0.1:9988');
    expect(r.ok && r.value.accountId).toBeUndefined();
    expect(r.ok && r.value.region).toBeUndefined();
  });

  it('round-trips buildMnsEndpoint for every network and protocol', () => {
    for (const network of ['public', 'internal', 'vpc'] as const) {
      for (const protocol of ['https', 'http'] as const) {
        const url = buildMnsEndpoint({ accountId: ACCOUNT, region: 'ap-northeast-1', network, protocol });
        const r = parseMnsEndpoint(url);
        expect(r.ok && r.value).toMatchObject({
          accountId: ACCOUNT,
          region: 'ap-northeast-1',
          network,
          protocol,
        });
        expect(r.ok && r.value.origin).toBe(url);
      }
    }
  });

  it.each([
    ['not a url', /endpoint must be an absolute http\(s\) URL/],
    ['/queues/q', /endpoint must be an absolute/],
    ['', /endpoint must be an absolute/],
    ['ftp://1.mns.cn-shanghai.aliyuncs.com', /endpoint must be an http:\/\/ or https:\/\/ URL/],
    [`https://${ACCOUNT}.mns.cn-shanghai.aliyuncs.com/queues/q`, /without path, query or fragment/],
    [`https://${ACCOUNT}.mns.cn-shanghai.aliyuncs.com/?a=1`, /without path, query or fragment/],
    ['https://mns-open.cn-shanghai.aliyuncs.com', /\{accountId\}\.mns\.\{region\}/],
    ['https://mns.cn-shanghai.aliyuncs.com', /\{accountId\}\.mns\.\{region\}/],
    ['https://abc.mns.cn-shanghai.aliyuncs.com', /numeric account id \(got 'abc'\)/],
    ['https://1.mns.shanghai.aliyuncs.com', /region id such as cn-shanghai \(got 'shanghai'\)/],
  ])('%j → typed error', (url, message) => {
    const r = parseMnsEndpoint(url);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(MnsConfigError);
    expect(r.error.code).toBe('ERR_MNS_INVALID_ARGUMENT');
    expect(r.error.message).toMatch(message);
  });

  it('treats only exact -internal / -internal-vpc suffixes as networks', () => {
    const r = parseMnsEndpoint('https://1.mns.cn-shanghai-internal-vpc-x.aliyuncs.com');
    expect(r.ok && r.value).toMatchObject({ region: 'cn-shanghai-internal-vpc-x', network: 'public' });
  });

  it('never echoes credentials embedded in the URL', () => {
    const r = parseMnsEndpoint('https://AKID:SuperSecret@1.mns.cn-shanghai.aliyuncs.com');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).not.toMatch(/SuperSecret|AKID/);
    expect(r.error.message).toMatch(/without user name or password/);
  });

  it('rejects a non-string without throwing', () => {
    expect(parseMnsEndpoint(undefined as unknown as string).ok).toBe(false);
  });
});

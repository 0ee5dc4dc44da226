import { describe, expect, it } from 'vitest';
import { ACCOUNT_ID_PATTERN, parseMnsEndpoint } from './parse-mns-endpoint.js';

const rejected = (url: string): string => {
  const r = parseMnsEndpoint(url);
  expect(r.ok, url).toBe(false);
  if (r.ok) return '';
  expect(r.error.code).toBe('ERR_MNS_INVALID_ARGUMENT');
  expect(r.error.message).toMatch(/endpoint must be /);
  return r.error.message;
};

// Equivalent mutants (cannot be killed): `parsed.username = ''` / `parsed.password = ''` → another string (the
// message shows `parsed.origin`, which never has user info); `match[1] ?? ''` / `match[2] ?? ''` (both groups
// always match); the `^` of the loopback regex (a host ending in four numeric labels is a canonical IPv4
// address, so it starts with `127.` whenever it ends with `127.x.x.x`).

describe('parseMnsEndpoint: input shape', () => {
  it('rejects a non-string by saying a URL string was expected', () => {
    const r = parseMnsEndpoint(42 as unknown as string);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/endpoint must be a URL string; got 42/);
  });

  it('trims Unicode whitespace the URL parser would not (NBSP, BOM)', () => {
    const r = parseMnsEndpoint('\u00a0\ufeffhttps://1234.mns.cn-shanghai.aliyuncs.com\u00a0');
    expect(r.ok && r.value.origin).toBe('https://1234.mns.cn-shanghai.aliyuncs.com');
  });
});

describe('parseMnsEndpoint: user info, path, query, fragment', () => {
  it('rejects a URL with only a user name, and never echoes it', () => {
    const message = rejected('https://AKIDsecretish@1234.mns.cn-shanghai.aliyuncs.com');
    expect(message).toMatch(/a URL without user name or password/);
    expect(message).toMatch(/https:\/\/1234\.mns\.cn-shanghai\.aliyuncs\.com \(user info removed\)/);
    expect(message).not.toMatch(/AKIDsecretish/);
  });

  it('rejects a URL with only a password, and never echoes it', () => {
    const message = rejected('http://:hunter2@127.0.0.1:9988');
    expect(message).toMatch(/a URL without user name or password/);
    expect(message).not.toMatch(/hunter2/);
  });

  it.each([
    ['https://1234.mns.cn-shanghai.aliyuncs.com/#frag'],
    ['https://1234.mns.cn-shanghai.aliyuncs.com#frag'],
    ['https://1234.mns.cn-shanghai.aliyuncs.com/?x=1'],
    ['https://1234.mns.cn-shanghai.aliyuncs.com/queues'],
  ])('rejects %s (only an origin)', (url) => {
    expect(rejected(url)).toMatch(/an origin without path, query or fragment/);
  });

  it('rejects other schemes by name', () => {
    expect(rejected('ftp://127.0.0.1')).toMatch(/an http:\/\/ or https:\/\/ URL/);
    expect(rejected('not a url')).toMatch(/an absolute http\(s\) URL/);
  });
});

describe('parseMnsEndpoint: anchored host patterns', () => {
  it.each([
    ['https://x1234.mns.cn-shanghai.aliyuncs.com', /numeric account id \(got 'x1234'\)/],
    ['https://1234x.mns.cn-shanghai.aliyuncs.com', /numeric account id \(got '1234x'\)/],
    ['https://a.1234.mns.cn-shanghai.aliyuncs.com', /\{accountId\}\.mns\.\{region\}/],
    ['https://1234.mns.cn-shanghai.x.aliyuncs.com', /\{accountId\}\.mns\.\{region\}/],
    ['https://1234.mns-open.cn-shanghai.aliyuncs.com', /\{accountId\}\.mns\.\{region\}/],
    ['https://1234.mns.CN_shanghai.aliyuncs.com', /region id such as cn-shanghai \(got 'cn_shanghai'\)/],
    ['https://1234.mns.cn-.aliyuncs.com', /region id such as cn-shanghai \(got 'cn-'\)/],
    ['https://1234.mns.cn-shanghai-internal-.aliyuncs.com', /region id such as cn-shanghai/],
  ])('rejects %s', (url, message) => {
    expect(rejected(url)).toMatch(message);
  });

  it('ACCOUNT_ID_PATTERN is anchored at both ends', () => {
    expect(ACCOUNT_ID_PATTERN.test('1234')).toBe(true);
    expect(ACCOUNT_ID_PATTERN.test('a1234')).toBe(false);
    expect(ACCOUNT_ID_PATTERN.test('1234a')).toBe(false);
    expect(ACCOUNT_ID_PATTERN.test('1'.repeat(32))).toBe(true);
    expect(ACCOUNT_ID_PATTERN.test('1'.repeat(33))).toBe(false);
    expect(ACCOUNT_ID_PATTERN.test('')).toBe(false);
  });

  it('parses the network suffixes and strips them from the region', () => {
    const parse = (url: string) => {
      const r = parseMnsEndpoint(url);
      return r.ok && r.value.isAliyun ? [r.value.accountId, r.value.region, r.value.network] : r;
    };
    expect(parse('https://1234.mns.cn-shanghai.aliyuncs.com/')).toEqual(['1234', 'cn-shanghai', 'public']);
    expect(parse('http://1234.mns.cn-shanghai-internal.aliyuncs.com')).toEqual([
      '1234',
      'cn-shanghai',
      'internal',
    ]);
    expect(parse(' https://1234.mns.cn-shanghai-internal-vpc.aliyuncs.com ')).toEqual([
      '1234',
      'cn-shanghai',
      'vpc',
    ]);
  });
});

describe('parseMnsEndpoint: custom endpoints', () => {
  const custom = (url: string) => {
    const r = parseMnsEndpoint(url);
    if (!r.ok || r.value.isAliyun) throw new Error(`expected a custom endpoint: ${url}`);
    return r.value;
  };

  it('keeps protocol, host, port and origin', () => {
    expect(custom('http://127.0.0.1:9988')).toEqual({
      protocol: 'http',
      host: '127.0.0.1',
      port: 9988,
      origin: 'http://127.0.0.1:9988',
      isAliyun: false,
      network: 'custom',
      isLoopback: true,
    });
    const https = custom('https://mns.example.com');
    expect(https.protocol).toBe('https');
    expect(https.port).toBeUndefined();
    expect('port' in https).toBe(false);
    expect(https.origin).toBe('https://mns.example.com');
  });

  it.each([
    ['http://localhost:1', true],
    ['http://app.localhost:1', true],
    ['http://[::1]:1', true],
    ['http://127.1.2.3:1', true],
    ['http://127.0.0.10:1', true],
    ['http://127.100.200.255:1', true],
    ['http://127.0.0.1.example.com', false],
    ['http://x127.0.0.1.example', false],
    ['http://notlocalhost', false],
    ['http://localhost.example.com', false],
    ['http://10.0.0.1', false],
  ])('%s → isLoopback %s', (url, loopback) => {
    expect(custom(url).isLoopback).toBe(loopback);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCliError } from '../errors/cli-error.js';
import { parseProfileFile } from './profile-file.js';
import { requireConnection, resolveConfig } from './resolve-config.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'vodmns-cfg-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function writeProfiles(content: unknown, path = join(home, '.vodmns', 'config.json')): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(content));
  return path;
}

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    if (isCliError(error)) return error.exitCode;
    throw error;
  }
  return undefined;
}

describe('resolveConfig precedence', () => {
  it('takes flags over env over profile, field by field', () => {
    writeProfiles({
      profiles: { default: { endpoint: 'http://profile:1', accessKeyId: 'pid', accessKeySecret: 'psecret' } },
    });
    const env = { MNS_ENDPOINT: 'http://env:2', ALIBABA_CLOUD_ACCESS_KEY_ID: 'eid' };
    const c = resolveConfig({ endpoint: 'http://flag:3' }, env, home);
    expect(c.endpoint).toBe('http://flag:3');
    expect(c.accessKeyId).toBe('eid');
    expect(c.accessKeySecret).toBe('psecret');
    expect(c.sources).toEqual({ endpoint: 'flag', accessKeyId: 'env', accessKeySecret: 'profile' });
    expect(c.profile).toBe('default');
  });

  it('selects the profile from --profile, then VODMNS_PROFILE, then defaultProfile', () => {
    writeProfiles({
      defaultProfile: 'a',
      profiles: {
        a: { endpoint: 'http://a:1' },
        b: { endpoint: 'http://b:1' },
        c: { endpoint: 'http://c:1' },
      },
    });
    expect(resolveConfig({}, {}, home).endpoint).toBe('http://a:1');
    expect(resolveConfig({}, { VODMNS_PROFILE: 'b' }, home).endpoint).toBe('http://b:1');
    expect(resolveConfig({ profile: 'c' }, { VODMNS_PROFILE: 'b' }, home).endpoint).toBe('http://c:1');
  });

  it('reads --config instead of the default file', () => {
    const path = writeProfiles(
      { profiles: { default: { endpoint: 'http://other:1' } } },
      join(home, 'x.json'),
    );
    expect(resolveConfig({ config: path }, {}, home).endpoint).toBe('http://other:1');
  });

  it('works with no profile file at all', () => {
    const c = resolveConfig({}, { MNS_ENDPOINT: 'http://env:2' }, home);
    expect(c.endpoint).toBe('http://env:2');
    expect(c.profileFile).toBeUndefined();
  });

  it('is a config error (3) for an unknown profile, a missing --config file, or malformed JSON', () => {
    writeProfiles({ profiles: { a: {} } });
    expect(codeOf(() => resolveConfig({ profile: 'nope' }, {}, home))).toBe(3);
    expect(codeOf(() => resolveConfig({ config: join(home, 'missing.json') }, {}, home))).toBe(3);
    expect(codeOf(() => parseProfileFile('{', 'f.json'))).toBe(3);
    expect(codeOf(() => parseProfileFile('{"profiles":{"a":{"endpoint":1}}}', 'f.json'))).toBe(3);
    expect(codeOf(() => parseProfileFile('{"profiles":{"a":{"secret":"x"}}}', 'f.json'))).toBe(3);
  });
});

describe('requireConnection', () => {
  const base = { securityToken: undefined, profile: undefined, profileFile: undefined };
  it('needs an endpoint (3), an http(s) URL (2 from a flag, 3 otherwise) and both keys (3)', () => {
    expect(
      codeOf(() =>
        requireConnection({
          ...base,
          endpoint: undefined,
          accessKeyId: 'a',
          accessKeySecret: 'b',
          sources: {},
        }),
      ),
    ).toBe(3);
    expect(
      codeOf(() =>
        requireConnection({
          ...base,
          endpoint: 'ftp://x',
          accessKeyId: 'a',
          accessKeySecret: 'b',
          sources: { endpoint: 'flag' },
        }),
      ),
    ).toBe(2);
    expect(
      codeOf(() =>
        requireConnection({
          ...base,
          endpoint: 'nope',
          accessKeyId: 'a',
          accessKeySecret: 'b',
          sources: { endpoint: 'env' },
        }),
      ),
    ).toBe(3);
    expect(
      codeOf(() =>
        requireConnection({
          ...base,
          endpoint: 'http://x',
          accessKeyId: 'a',
          accessKeySecret: undefined,
          sources: {},
        }),
      ),
    ).toBe(3);
  });

  it('trims a trailing slash from the endpoint', () => {
    const c = requireConnection({
      ...base,
      endpoint: 'http://x:1/',
      accessKeyId: 'a',
      accessKeySecret: 'b',
      sources: {},
    });
    expect(c.endpoint).toBe('http://x:1');
  });
});

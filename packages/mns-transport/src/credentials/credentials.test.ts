import { inspect } from 'node:util';
import { MnsConfigError } from '@vodmns/core';
import { describe, expect, it } from 'vitest';
import { fromAlibabaCloudCredentials } from './alibaba-cloud-credentials.js';
import { envCredentials } from './env-credentials.js';
import { isCredentialProvider } from './mns-credentials.js';
import { refreshingCredentials } from './refreshing-credentials.js';
import { staticCredentials } from './static-credentials.js';

const KEYS = { accessKeyId: 'id', accessKeySecret: 'very-secret' };

describe('credential providers', () => {
  it('staticCredentials validates and returns the pair', async () => {
    expect(await staticCredentials(KEYS).getCredentials()).toEqual(KEYS);
    expect(() => staticCredentials({ accessKeyId: '', accessKeySecret: 'x' })).toThrow(
      /accessKeyId is missing/,
    );
    expect(isCredentialProvider(staticCredentials(KEYS))).toBe(true);
    expect(isCredentialProvider(KEYS)).toBe(false);
    expect(inspect(staticCredentials(KEYS))).not.toContain('very-secret');
  });

  it('envCredentials reads the three standard variables', async () => {
    const env = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.id',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'sec',
      ALIBABA_CLOUD_SECURITY_TOKEN: 'tok',
    };
    expect(await envCredentials(env).getCredentials()).toEqual({
      accessKeyId: 'STS.id',
      accessKeySecret: 'sec',
      securityToken: 'tok',
    });
    expect(
      await envCredentials({ ...env, ALIBABA_CLOUD_SECURITY_TOKEN: undefined }).getCredentials(),
    ).toEqual({
      accessKeyId: 'STS.id',
      accessKeySecret: 'sec',
    });
    const e = (() => {
      try {
        envCredentials({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'id' });
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(MnsConfigError);
    expect(e).toMatchObject({ code: 'ERR_MNS_CREDENTIALS' });
    expect((e as Error).message).toContain('ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set');
  });

  it('refreshingCredentials: cached until the refresh window, single-flight, soft failure', async () => {
    let now = 1_000_000;
    let loads = 0;
    let fail = false;
    let release: () => void = () => {};
    const provider = refreshingCredentials(
      async () => {
        loads++;
        await new Promise<void>((r) => {
          release = r;
        });
        if (fail) throw new Error('sts down');
        return { ...KEYS, accessKeyId: `id-${loads}`, expiration: now + 600_000 };
      },
      { refreshBeforeExpiryMs: 60_000, now: () => now },
    );
    const concurrent = Array.from({ length: 5 }, () => provider.getCredentials());
    release();
    const got = await Promise.all(concurrent);
    expect(loads).toBe(1);
    expect(new Set(got.map((c) => c.accessKeyId))).toEqual(new Set(['id-1']));
    now += 500_000; // still > 60 s before expiry: cached
    expect((await provider.getCredentials()).accessKeyId).toBe('id-1');
    expect(loads).toBe(1);
    now += 50_000; // inside the refresh window
    const refreshing = [provider.getCredentials(), provider.getCredentials()];
    release();
    expect((await Promise.all(refreshing)).map((c) => c.accessKeyId)).toEqual(['id-2', 'id-2']);
    expect(loads).toBe(2);
    // A failed refresh while the cached credentials still work: use them.
    now += 560_000;
    fail = true;
    const soft = provider.getCredentials();
    release();
    expect((await soft).accessKeyId).toBe('id-2');
    // After expiry a failed refresh is an error with the loader's error as cause.
    now += 100_000;
    const hard = provider.getCredentials();
    release();
    const e = await hard.catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'ERR_MNS_CREDENTIALS' });
    expect((e as Error).cause).toBeInstanceOf(Error);
  });

  it('fromAlibabaCloudCredentials adapts getCredential()', async () => {
    let calls = 0;
    const provider = fromAlibabaCloudCredentials({
      getCredential: async () => {
        calls++;
        return { accessKeyId: 'STS.a', accessKeySecret: 'b', securityToken: 'c' };
      },
    });
    expect(await provider.getCredentials()).toEqual({
      accessKeyId: 'STS.a',
      accessKeySecret: 'b',
      securityToken: 'c',
    });
    await provider.getCredentials();
    expect(calls).toBe(2);
    const empty = fromAlibabaCloudCredentials({ getCredential: async () => ({ accessKeyId: 'a' }) });
    await expect(empty.getCredentials()).rejects.toMatchObject({ code: 'ERR_MNS_CREDENTIALS' });
  });
});

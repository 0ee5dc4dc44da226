import { describe, expect, it } from 'vitest';
import { MnsConfigError } from '../errors/mns-error.js';
import { type VerifyVodHttpCallbackInput, verifyVodHttpCallback } from './verify-vod-http-callback.js';

const URL = 'https://media.example.com/vod/callback';
const TS = 1735689600;
const SIG = '5d6399e6ef4a22051fbef7503474eb4f'; // docs/vod-events.md §4 worked example
const base: VerifyVodHttpCallbackInput = {
  url: URL,
  timestamp: String(TS),
  signature: SIG,
  authKeys: 'Vodmns2025Key',
  nowSeconds: TS + 10,
};

describe('verifyVodHttpCallback', () => {
  it.each<[string, Partial<VerifyVodHttpCallbackInput>, ReturnType<typeof verifyVodHttpCallback>]>([
    ['the worked example', {}, { ok: true, keyIndex: 0 }],
    ['upper-case hex', { signature: SIG.toUpperCase() }, { ok: true, keyIndex: 0 }],
    ['numeric timestamp', { timestamp: TS }, { ok: true, keyIndex: 0 }],
    [
      'new key first, old key matches during rotation',
      { authKeys: ['NewKey2026x', 'Vodmns2025Key'] },
      { ok: true, keyIndex: 1 },
    ],
    [
      'the docs example (test123)',
      {
        url: 'https://www.example.com/your/callback',
        timestamp: '1519375990',
        signature: 'c72b60894140fa98920f1279219b7ed4',
        authKeys: 'test123',
        nowSeconds: 1519375990,
      },
      { ok: true, keyIndex: 0 },
    ],
    ['wrong key', { authKeys: 'Other2025Key' }, { ok: false, reason: 'signature-mismatch' }],
    ['other URL', { url: `${URL}/x` }, { ok: false, reason: 'signature-mismatch' }],
    ['malformed signature', { signature: 'zz' }, { ok: false, reason: 'signature-mismatch' }],
    ['no signature header', { signature: undefined }, { ok: false, reason: 'missing-headers' }],
    ['no timestamp header', { timestamp: undefined }, { ok: false, reason: 'missing-headers' }],
    ['non-numeric timestamp', { timestamp: '2025-01-01' }, { ok: false, reason: 'invalid-timestamp' }],
    ['6 minutes old', { nowSeconds: TS + 360 }, { ok: false, reason: 'stale-timestamp' }],
    ['6 minutes in the future', { nowSeconds: TS - 360 }, { ok: false, reason: 'stale-timestamp' }],
    ['exactly at the window edge', { nowSeconds: TS + 300 }, { ok: true, keyIndex: 0 }],
    ['wider window', { nowSeconds: TS + 3600, maxSkewSeconds: 3600 }, { ok: true, keyIndex: 0 }],
  ])('%s', (_name, overrides, expected) => {
    expect(verifyVodHttpCallback({ ...base, ...overrides })).toEqual(expected);
  });

  it.each<[Partial<VerifyVodHttpCallbackInput>, RegExp]>([
    [{ authKeys: [] }, /authKeys must be at least one AuthKey/],
    [
      { authKeys: ['Good1Key', ''] },
      /authKeys\[1\] must be a non-empty string; got <redacted, 0 characters>/,
    ],
    [{ nowSeconds: Number.NaN }, /nowSeconds must be the current Unix time/],
    [{ maxSkewSeconds: -1 }, /maxSkewSeconds must be .*got -1/],
  ])('misconfiguration %o throws MnsConfigError', (overrides, message) => {
    expect(() => verifyVodHttpCallback({ ...base, ...overrides })).toThrow(MnsConfigError);
    expect(() => verifyVodHttpCallback({ ...base, ...overrides })).toThrow(message);
  });
});

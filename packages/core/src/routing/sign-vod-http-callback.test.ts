import { describe, expect, it } from 'vitest';
import { MnsConfigError } from '../errors/mns-error.js';
import { signVodHttpCallback } from './sign-vod-http-callback.js';

describe('signVodHttpCallback', () => {
  it.each([
    // docs/vod-events.md §4, the worked example computed for vodmns
    [
      'https://media.example.com/vod/callback',
      1735689600,
      'Vodmns2025Key',
      '5d6399e6ef4a22051fbef7503474eb4f',
    ],
    // the docs' known-answer example (printed masked as c72b60894140fa98920f1279219b****)
    ['https://www.example.com/your/callback', 1519375990, 'test123', 'c72b60894140fa98920f1279219b7ed4'],
    // the current zh page's key change, which breaks its own printed hash
    ['https://www.example.com/your/callback', 1519375990, 'Test123', 'c587b80d2d0ede300e8967937da7219b'],
    // the header value as a string signs the same
    [
      'https://media.example.com/vod/callback',
      '1735689600',
      'Vodmns2025Key',
      '5d6399e6ef4a22051fbef7503474eb4f',
    ],
  ])('%s|%s|key → %s', (url, timestamp, authKey, expected) => {
    expect(signVodHttpCallback({ url, timestamp, authKey })).toBe(expected);
  });

  it('signs UTF-8 bytes', () => {
    const a = signVodHttpCallback({ url: 'https://例え.jp/cb', timestamp: 1, authKey: 'Aa1' });
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(
      signVodHttpCallback({ url: 'https://xn--r8jz45g.jp/cb', timestamp: 1, authKey: 'Aa1' }),
    );
  });

  it.each([
    [{ url: '', timestamp: 1, authKey: 'Aa1' }, /url must be the non-empty callback URL/],
    [{ url: 'https://x', timestamp: 0, authKey: 'Aa1' }, /timestamp must be Unix seconds .*got 0/],
    [{ url: 'https://x', timestamp: 1.5, authKey: 'Aa1' }, /timestamp .*got 1\.5/],
    [{ url: 'https://x', timestamp: '0123', authKey: 'Aa1' }, /timestamp .*got '0123'/],
    [{ url: 'https://x', timestamp: 'soon', authKey: 'Aa1' }, /timestamp .*got 'soon'/],
    [
      { url: 'https://x', timestamp: 1, authKey: '' },
      /authKey must be a non-empty string; got <redacted, 0 characters>/,
    ],
  ])('%o → MnsConfigError', (input, message) => {
    expect(() => signVodHttpCallback(input)).toThrow(MnsConfigError);
    expect(() => signVodHttpCallback(input)).toThrow(message);
  });
});

import { describe, expect, it } from 'vitest';
import { maskAccessKeyId, maskSecret, redactSecrets, SECRET_MASK } from './mask-secret.js';

describe('maskSecret', () => {
  it.each([
    [undefined, '(not set)'],
    ['', '(not set)'],
    ['x', '****'],
    ['short', '****'],
    ['sk-0123456789abcdef', '****'],
    ['abcdefghijklmnopqrstuvwxyz0123456789', '****'],
  ])('%s → %s', (input, expected) => {
    expect(maskSecret(input)).toBe(expected);
  });

  it('reveals neither characters nor length', () => {
    const shown = new Set(['a', 'TopSecretValue-1234567890', 'z'.repeat(200)].map(maskSecret));
    expect([...shown]).toEqual([SECRET_MASK]);
    expect(SECRET_MASK).not.toMatch(/[^*]/);
  });
});

describe('maskAccessKeyId', () => {
  it('keeps only the ends', () => {
    expect(maskAccessKeyId('LTAI5tABCDEFGHIJ')).toBe('LTAI**********IJ');
    expect(maskAccessKeyId('abc')).toBe('ab*');
    expect(maskAccessKeyId(undefined)).toBe('(not set)');
    expect(maskAccessKeyId('')).toBe('(not set)');
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence of each secret with the mask', () => {
    expect(redactSecrets("bad 'hunter22' and hunter22; tok-9999", ['hunter22', 'tok-9999', undefined])).toBe(
      "bad '****' and ****; ****",
    );
  });

  it('leaves values shorter than 4 characters alone', () => {
    expect(redactSecrets('a b c', ['a', ''])).toBe('a b c');
    expect(redactSecrets('abcd abc', ['abcd'])).toBe('**** abc');
  });
});

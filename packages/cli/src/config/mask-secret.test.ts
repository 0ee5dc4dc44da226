import { describe, expect, it } from 'vitest';
import { maskAccessKeyId, maskSecret, redactSecrets } from './mask-secret.js';

describe('maskSecret', () => {
  it.each([
    [undefined, '(not set)'],
    ['', '(not set)'],
    ['short', '********'],
    ['abcdefghijklmnop', '**************op'],
  ])('%s → %s', (input, expected) => {
    expect(maskSecret(input)).toBe(expected);
  });
});

describe('maskAccessKeyId', () => {
  it('keeps only the ends', () => {
    expect(maskAccessKeyId('LTAI5tABCDEFGHIJ')).toBe('LTAI**********IJ');
    expect(maskAccessKeyId('abc')).toBe('ab*');
    expect(maskAccessKeyId(undefined)).toBe('(not set)');
  });
});

describe('redactSecrets', () => {
  it('removes every occurrence of each secret', () => {
    expect(redactSecrets('key=s3cretValue; again s3cretValue', ['s3cretValue', undefined])).toBe(
      'key=****; again ****',
    );
  });
  it('ignores very short secrets', () => {
    expect(redactSecrets('a b c', ['a'])).toBe('a b c');
  });
});

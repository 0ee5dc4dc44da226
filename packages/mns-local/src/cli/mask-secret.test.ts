import { describe, expect, it } from 'vitest';
import { maskSecret, redactSecrets } from './mask-secret.js';

describe('maskSecret', () => {
  it.each([
    ['sk-0123456789abcdef', 'sk**** (19 chars)'],
    ['abcdefghijkl', 'ab**** (12 chars)'],
    ['abcdefghijk', '**** (11 chars)'],
    ['x', '**** (1 chars)'],
  ])('%s → %s', (secret, shown) => {
    expect(maskSecret(secret)).toBe(shown);
  });

  it('never contains more than 2 characters of the secret', () => {
    const secret = 'TopSecretValue-1234567890';
    const shown = maskSecret(secret);
    for (let i = 0; i + 3 <= secret.length; i++) expect(shown).not.toContain(secret.slice(i, i + 3));
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence of each secret', () => {
    expect(redactSecrets("bad 'hunter22' and hunter22; tok-9999", ['hunter22', 'tok-9999', undefined])).toBe(
      "bad '****' and ****; ****",
    );
  });

  it('leaves values shorter than 4 characters alone', () => {
    expect(redactSecrets('a b c', ['a', ''])).toBe('a b c');
  });
});

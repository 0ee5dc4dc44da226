import { describe, expect, it } from 'vitest';
import { decodeMessageBody, encodeMessageBody } from './message-body.js';

describe('message body encoding', () => {
  it('base64 round-trips UTF-8 text', () => {
    for (const text of ['hello world', '视频 😀', '<a>&</a>', '\u0001\u0000']) {
      const wire = encodeMessageBody(text, 'base64');
      expect(wire).toBe(Buffer.from(text, 'utf8').toString('base64'));
      expect(decodeMessageBody(wire, 'base64')).toBe(text);
      expect(decodeMessageBody(wire, 'auto')).toBe(/[\u0000-\u0008]/.test(text) ? wire : text);
    }
    expect(encodeMessageBody('as is', 'raw')).toBe('as is');
  });

  it('base64 decoding is strict', () => {
    expect(decodeMessageBody('aGVsbG8', 'base64')).toBeUndefined(); // missing padding
    expect(decodeMessageBody('aGVs bG8=', 'base64')).toBeUndefined();
    expect(decodeMessageBody('', 'base64')).toBeUndefined();
    expect(decodeMessageBody('/w==', 'base64')).toBeUndefined(); // 0xFF is not UTF-8
  });

  it.each([
    ['JSON stays', '{"EventType":"x"}', '{"EventType":"x"}'],
    ['JSON array stays', ' [1,2]', ' [1,2]'],
    ['base64 JSON is decoded', Buffer.from('{"a":1}').toString('base64'), '{"a":1}'],
    ['plain text stays', 'hello world', 'hello world'],
    ['base64-looking word that is not UTF-8 stays', 'test', 'test'],
    ['base64-looking word that decodes to control characters stays', 'abcd', 'abcd'],
  ])('auto: %s', (_name, wire, expected) => {
    expect(decodeMessageBody(wire, 'auto')).toBe(expected);
  });
});

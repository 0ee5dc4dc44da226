import { describe, expect, it } from 'vitest';
import { parseRequestTarget } from './request-target.js';

describe('parseRequestTarget', () => {
  it('splits path and query; names case-insensitive; percent-decoding only (no + → space)', () => {
    const t = parseRequestTarget(
      '/queues/q/messages?ReceiptHandle=a+b%2Fc%3D%3D&VisibilityTimeout=10&receipthandle=dup&flag',
    );
    expect(t.segments).toEqual(['queues', 'q', 'messages']);
    expect(t.query.get('receipthandle')).toBe('a+b/c==');
    expect(t.query.get('visibilitytimeout')).toBe('10');
    expect(t.query.get('flag')).toBe('');
  });

  it('drops empty segments and rejects non-origin-form targets and bad escapes', () => {
    expect(parseRequestTarget('/queues/q/').segments).toEqual(['queues', 'q']);
    expect(() => parseRequestTarget('http://x/queues')).toThrow(
      expect.objectContaining({ code: 'InvalidRequestURL' }),
    );
    expect(() => parseRequestTarget('/q?x=%G1')).toThrow(
      expect.objectContaining({ code: 'InvalidQueryString' }),
    );
  });
});

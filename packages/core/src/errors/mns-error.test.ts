import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { capErrorDetail, MAX_ERROR_DETAIL_CHARS, MnsServiceError } from './mns-error.js';

describe('MnsError detail cap', () => {
  it('keeps short text as it is', () => {
    expect(capErrorDetail('Queue not exist.')).toBe('Queue not exist.');
    expect(capErrorDetail('x'.repeat(MAX_ERROR_DETAIL_CHARS))).toHaveLength(MAX_ERROR_DETAIL_CHARS);
  });

  it('cuts long text, says how much was cut, never splits a surrogate pair', () => {
    const cut = capErrorDetail('y'.repeat(5_000_000));
    expect(cut.startsWith('y'.repeat(MAX_ERROR_DETAIL_CHARS))).toBe(true);
    expect(cut).toMatch(/… \(4998976 more characters cut\)$/);
    const emoji = `${'a'.repeat(MAX_ERROR_DETAIL_CHARS - 1)}\u{1F600}tail`;
    expect(capErrorDetail(emoji)).toBe(`${'a'.repeat(MAX_ERROR_DETAIL_CHARS - 1)}… (6 more characters cut)`);
  });

  it('a 30 MB service message makes an error of bounded message, detail, JSON and inspect output', () => {
    const e = new MnsServiceError({
      code: 'QueueNotExist',
      message: 'm'.repeat(30 * 1024 * 1024),
      fault: 'client',
      status: 404,
      requestId: 'R',
      operation: 'GET /queues/q',
    });
    expect(e.detail.length).toBeLessThan(MAX_ERROR_DETAIL_CHARS + 64);
    expect(e.message.length).toBeLessThan(MAX_ERROR_DETAIL_CHARS + 128);
    expect(e.message).toMatch(
      /^\[GET \/queues\/q\] 404 QueueNotExist: m+… \(\d+ more characters cut\) \(requestId=R\)$/,
    );
    expect(JSON.stringify(e).length).toBeLessThan(4 * MAX_ERROR_DETAIL_CHARS);
    expect(inspect(e).length).toBeLessThan(8 * MAX_ERROR_DETAIL_CHARS);
  });
});

import { describe, expect, it } from 'vitest';
import { createDeadLetterEnvelope, parseDeadLetterEnvelope } from './dead-letter-envelope.js';

describe('dead-letter envelope', () => {
  const message = {
    messageId: 'ABC',
    receiptHandle: 'h',
    messageBody: '{"not":"vod"} "quoted" \u4e2d',
    messageBodyMd5: 'MD5',
    enqueueTime: 1,
    firstDequeueTime: 2,
    nextVisibleTime: 3,
    dequeueCount: 4,
    priority: 8,
  };

  it('round-trips the original body verbatim with metadata', () => {
    const text = createDeadLetterEnvelope({
      sourceQueue: 'q',
      message,
      reason: 'invalid-body',
      error: new Error('bad'),
      now: 9,
    });
    const parsed = parseDeadLetterEnvelope(text);
    expect(parsed).toEqual({
      ok: true,
      value: {
        vodmnsDeadLetter: 1,
        sourceQueue: 'q',
        reason: 'invalid-body',
        error: 'bad',
        messageId: 'ABC',
        dequeueCount: 4,
        enqueueTime: 1,
        firstDequeueTime: 2,
        priority: 8,
        messageBodyMd5: 'MD5',
        deadLetteredAt: 9,
        body: message.messageBody,
      },
    });
  });

  it('rejects text that is not an envelope', () => {
    expect(parseDeadLetterEnvelope('nope')).toMatchObject({ ok: false });
    expect(parseDeadLetterEnvelope('{"a":1}')).toMatchObject({ ok: false });
    const r = parseDeadLetterEnvelope('{"vodmnsDeadLetter":1,"sourceQueue":"q"}');
    expect(r.ok || r.error.message).toMatch(/reason must be a string/);
  });
});

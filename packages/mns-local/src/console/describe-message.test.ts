import { createDeadLetterEnvelope, KNOWN_VOD_EVENT_TYPES } from '@vodmns/core';
import { createVodEvent } from '@vodmns/core/testing';
import { describe, expect, it } from 'vitest';
import type { MessageSnapshot } from '../engine/queue-engine.js';
import { decodeBody, describeMessage } from './describe-message.js';

const known = new Set<string>(KNOWN_VOD_EVENT_TYPES);

function snapshot(body: string): MessageSnapshot {
  return {
    id: 'ID',
    body,
    bodyMd5: 'MD5',
    enqueueTime: 1,
    firstDequeueTime: 0,
    dequeueCount: 0,
    priority: 8,
    state: 'active',
    visibleAt: 1,
    expiresAt: 2,
  };
}

describe('decodeBody', () => {
  it('shows a valid event with its type, media id, status, time and key fields', () => {
    const event = createVodEvent('StreamTranscodeComplete', undefined, { seed: 2, outcome: 'failure' });
    const view = decodeBody(JSON.stringify(event), known);
    expect(view).toMatchObject({
      kind: 'vod-event',
      eventType: 'StreamTranscodeComplete',
      known: true,
      encoding: 'json',
      mediaId: event.VideoId,
      status: 'failure',
      eventTime: '2025-01-01T00:00:00.000Z',
    });
    expect(view.kind === 'vod-event' && view.error).toMatch(/^InvalidParameter\.ResourceContentBad/);
    expect(view.kind === 'vod-event' && view.fields.map((f) => f.name)).toContain('Status');
  });

  it('keeps an unknown event type (not an error) and summarises arrays and objects', () => {
    const view = decodeBody(
      JSON.stringify({
        EventType: 'BrandNewEvent',
        MediaId: 'm1',
        Items: [{ Status: 'success' }, { Status: 'fail' }],
        Meta: { a: 1 },
      }),
      known,
    );
    expect(view).toMatchObject({ kind: 'vod-event', known: false, mediaId: 'm1' });
    expect(view.kind === 'vod-event' && view.fields).toEqual([
      { name: 'MediaId', value: 'm1' },
      { name: 'Items', value: '2 items (1 success, 1 failure)' },
      { name: 'Meta', value: '{ a }' },
    ]);
  });

  it('reports parse issues by path, capped at 20', () => {
    expect(decodeBody('{"EventType":"TranscodeComplete","Status":42}', known)).toMatchObject({
      kind: 'invalid',
      code: 'ERR_VOD_EVENT_SCHEMA',
      eventType: 'TranscodeComplete',
      issues: expect.arrayContaining([{ path: 'Status', message: 'expected string, received number (42)' }]),
    });
    const many = {
      EventType: 'TranscodeComplete',
      StreamInfos: Array.from({ length: 30 }, () => ({ Status: 1 })),
    };
    const view = decodeBody(JSON.stringify(many), known);
    expect(view.kind === 'invalid' && view.issues).toHaveLength(20);
    expect(view.kind === 'invalid' && view.moreIssues).toBeGreaterThan(0);
    expect(decodeBody('[1]', known)).toMatchObject({ kind: 'invalid', code: 'ERR_VOD_EVENT_NOT_OBJECT' });
  });

  it('decodes a dead-letter envelope and the original body inside it', () => {
    const text = createDeadLetterEnvelope({
      sourceQueue: 'src',
      reason: 'invalid-body',
      error: 'not JSON',
      now: Date.UTC(2026, 0, 1),
      message: {
        messageId: 'M',
        messageBody: 'garbage',
        messageBodyMd5: 'X',
        dequeueCount: 1,
        enqueueTime: 0,
        firstDequeueTime: 0,
        priority: 8,
      },
    });
    expect(decodeBody(text, known)).toMatchObject({
      kind: 'dead-letter',
      sourceQueue: 'src',
      reason: 'invalid-body',
      originalMessageId: 'M',
      deadLetteredAt: '2026-01-01T00:00:00.000Z',
      original: { kind: 'invalid', code: 'ERR_VOD_EVENT_INVALID_JSON' },
    });
    // A marker with a broken shape is not an envelope: it is shown as what it is (not a VOD event).
    expect(decodeBody('{"vodmnsDeadLetter":1}', known)).toMatchObject({ kind: 'invalid' });
  });
});

describe('describeMessage', () => {
  it('gives raw, base64 and pretty JSON views', () => {
    const body = JSON.stringify(createVodEvent('FileUploadComplete'));
    const d = describeMessage(snapshot(body), known);
    expect(d.raw).toBe(body);
    expect(Buffer.from(d.base64, 'base64').toString('utf8')).toBe(body);
    expect(d.base64Decoded).toBeUndefined();
    expect(d.json).toBe(JSON.stringify(JSON.parse(body), null, 2));
    const encoded = describeMessage(snapshot(Buffer.from(body).toString('base64')), known);
    expect(encoded.base64Decoded).toBe(body);
    expect(encoded.json).toBe(d.json);
    expect(encoded.decoded).toMatchObject({ kind: 'vod-event', encoding: 'base64' });
  });
});

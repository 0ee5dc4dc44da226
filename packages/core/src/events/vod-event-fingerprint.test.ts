import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { buildUploadScenario } from '../testing/build-upload-scenario.js';
import { buildVodScenario, VOD_SCENARIO_KINDS } from '../testing/build-vod-scenario.js';
import { createVodEvent } from '../testing/create-vod-event.js';
import { parseVodEvent } from './parse-vod-event.js';
import type { VodEvent } from './vod-event.js';
import { vodEventFingerprint } from './vod-event-fingerprint.js';
import { KNOWN_VOD_EVENT_TYPES } from './vod-event-schemas.js';

function reparse(event: VodEvent, base64 = false): VodEvent {
  const text = JSON.stringify(event);
  const result = parseVodEvent(base64 ? Buffer.from(text).toString('base64') : text);
  if (!result.ok) throw result.error;
  return result.value;
}

describe('vodEventFingerprint', () => {
  it('has the documented format', () => {
    const event = createVodEvent('StreamTranscodeComplete', {
      VideoId: 'v1',
      JobId: 'j1',
      Status: 'success',
      EventTime: '2025-03-14T02:36:40Z',
      Definition: 'SD',
      Format: 'mp4',
    });
    expect(vodEventFingerprint(event)).toBe(
      'StreamTranscodeComplete|v1|j1|success|2025-03-14T02:36:40Z|SD|mp4',
    );
    const upload = createVodEvent('FileUploadComplete', { VideoId: 'v2', EventTime: '2025-03-14T02:31:08Z' });
    expect(vodEventFingerprint(upload)).toBe('FileUploadComplete|v2||success|2025-03-14T02:31:08Z');
  });

  it('is equal for redeliveries of the same notification (raw, base64, key order, extra whitespace)', () => {
    for (const type of KNOWN_VOD_EVENT_TYPES) {
      const event = createVodEvent(type, undefined, { seed: 3 });
      const key = vodEventFingerprint(event);
      expect(vodEventFingerprint(reparse(event))).toBe(key);
      expect(vodEventFingerprint(reparse(event, true))).toBe(key);
      const reordered = Object.fromEntries(Object.entries(event).reverse());
      expect(vodEventFingerprint(reordered as VodEvent)).toBe(key);
    }
  });

  it('differs between every event of realistic scenarios', () => {
    const events = [
      ...buildUploadScenario({ seed: 1, definitions: ['LD', 'SD', 'HD'], formats: ['mp4', 'm3u8'] }),
      ...buildUploadScenario({ seed: 2, outcome: 'partial-failure' }),
      ...VOD_SCENARIO_KINDS.flatMap((kind) => buildVodScenario(kind, { seed: 5 })),
    ];
    const keys = new Set(events.map(vodEventFingerprint));
    expect(keys.size).toBe(events.length);
  });

  it('separates streams of one video finishing in the same second (Definition/Format)', () => {
    const base = { VideoId: 'v', JobId: 'j', EventTime: '2025-03-14T02:36:40Z' };
    const a = createVodEvent('StreamTranscodeComplete', { ...base, Definition: 'SD', Format: 'mp4' });
    const b = createVodEvent('StreamTranscodeComplete', { ...base, Definition: 'SD', Format: 'm3u8' });
    expect(vodEventFingerprint(a)).not.toBe(vodEventFingerprint(b));
  });

  it('escapes the separator, so crafted ids cannot collide', () => {
    const a = createVodEvent('ProduceMediaComplete', { MediaId: 'a|b', ProjectId: 'c' });
    const b = createVodEvent('ProduceMediaComplete', { MediaId: 'a', ProjectId: 'b|c' });
    expect(vodEventFingerprint(a)).not.toBe(vodEventFingerprint(b));
    expect(vodEventFingerprint(a)).toContain('a%7Cb');
  });

  it('hashes the whole content of unknown events (key order does not matter)', () => {
    const a = { EventType: 'FutureEvent', EventTime: '2026-01-01T00:00:00Z', X: { b: 1, a: [1, 2] } };
    const b = { X: { a: [1, 2], b: 1 }, EventTime: '2026-01-01T00:00:00Z', EventType: 'FutureEvent' };
    const c = { ...a, X: { b: 2, a: [1, 2] } };
    expect(vodEventFingerprint(a)).toBe(vodEventFingerprint(b));
    expect(vodEventFingerprint(a)).not.toBe(vodEventFingerprint(c));
    expect(vodEventFingerprint(a)).toMatch(
      /^FutureEvent\|\|\|\|2026-01-01T00:00:00Z\|sha256:[A-Za-z0-9_-]{43}$/,
    );
  });
});

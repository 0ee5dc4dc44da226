import { describe, expect, it } from 'vitest';
import { MnsConfigError } from '../errors/mns-error.js';
import { createVodEvent } from './create-vod-event.js';
import { isVodEvent } from '../events/is-vod-event.js';
import { parseVodEvent } from '../events/parse-vod-event.js';
import type { VodEventType } from '../events/vod-event-schemas.js';
import { KNOWN_VOD_EVENT_TYPES } from '../events/vod-event-schemas.js';
import { vodEventMediaId, vodEventStatus, vodEventTime } from '../events/vod-event-accessors.js';
import { createSeededRandom } from './seeded-random.js';

const HEX32 = /^[0-9a-f]{32}$/;

describe('createVodEvent', () => {
  it('every type, 40 seeds, both outcomes: passes parseVodEvent (as object, JSON text and base64)', () => {
    let count = 0;
    for (const type of KNOWN_VOD_EVENT_TYPES) {
      for (let seed = 0; seed < 40; seed++) {
        for (const outcome of ['success', 'failure'] as const) {
          const event = createVodEvent(type, undefined, { seed, outcome, storageRegion: 'ap-southeast-1' });
          const text = JSON.stringify(event);
          for (const input of [event, text, Buffer.from(text).toString('base64')]) {
            const result = parseVodEvent(input);
            if (!result.ok) throw new Error(`${type} seed ${seed} ${outcome}: ${result.error.message}`);
            expect(result.value).toEqual(event);
          }
          expect(event.EventType).toBe(type);
          expect(vodEventStatus(event)).toBe(outcome);
          count += 1;
        }
      }
    }
    expect(count).toBe(22 * 40 * 2);
  });

  it('is deterministic for a seed and varies across seeds', () => {
    for (const type of KNOWN_VOD_EVENT_TYPES) {
      expect(createVodEvent(type, undefined, { seed: 42 })).toEqual(
        createVodEvent(type, undefined, { seed: 42 }),
      );
      expect(createVodEvent(type, undefined, { seed: 42 })).not.toEqual(
        createVodEvent(type, undefined, { seed: 43 }),
      );
    }
  });

  it('uses realistic ids, OSS URLs, sizes and the given time', () => {
    const now = new Date('2025-06-21T09:02:44Z');
    for (const type of KNOWN_VOD_EVENT_TYPES) {
      const event = createVodEvent(type, undefined, { seed: 9, now, storageRegion: 'cn-beijing' });
      expect(vodEventTime(event)?.getTime()).toBe(now.getTime());
      const id = vodEventMediaId(event);
      if (id !== undefined) expect(id).toMatch(HEX32);
    }
    const upload = createVodEvent('FileUploadComplete', undefined, { seed: 9, storageRegion: 'cn-beijing' });
    expect(upload.FileUrl).toMatch(
      /^http:\/\/outin-[0-9a-f]{32}\.oss-cn-beijing\.aliyuncs\.com\/sv\/.+\.mp4$/,
    );
    expect(upload.Size).toBeGreaterThan(1_000_000);
    const transcode = createVodEvent('TranscodeComplete', undefined, { seed: 9 });
    for (const stream of transcode.StreamInfos ?? []) {
      expect(stream.FileUrl).toMatch(
        new RegExp(`^http://outin-[0-9a-f]{32}\\.oss-cn-shanghai\\.aliyuncs\\.com/${transcode.VideoId}/`),
      );
      expect(stream.Duration).toBeGreaterThan(0);
      expect(Number(stream.Bitrate)).toBeGreaterThan(0);
    }
    // events documented with millisecond colon times use that form
    expect(createVodEvent('ImageUploadComplete', undefined, { now }).EventTime).toBe(
      '2025-06-21T09:02:44:000Z',
    );
  });

  it('applies overrides; undefined removes a field', () => {
    const event = createVodEvent('FileUploadComplete', {
      VideoId: 'custom',
      Extend: '{"a":1}',
      Size: undefined,
    });
    expect(event.VideoId).toBe('custom');
    expect(event.Extend).toBe('{"a":1}');
    expect('Size' in event).toBe(false);
    const unknownExtra = createVodEvent('TranscodeComplete', { Extra: 1 });
    expect(unknownExtra.Extra).toBe(1);
  });

  it('rejects unknown types with a config error naming the value', () => {
    expect(() => createVodEvent('Nope' as VodEventType)).toThrow(MnsConfigError);
    expect(() => createVodEvent('toString' as VodEventType)).toThrow(/got "toString"/);
  });

  it('narrows with isVodEvent', () => {
    const event = createVodEvent('TranscodeComplete');
    expect(isVodEvent(event, 'TranscodeComplete')).toBe(true);
    expect(isVodEvent(event, 'SnapshotComplete')).toBe(false);
  });
});

describe('createSeededRandom', () => {
  it('is deterministic and in range', () => {
    const a = createSeededRandom(7);
    const b = createSeededRandom(7);
    const values = Array.from({ length: 1000 }, () => a.next());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const r = createSeededRandom(1);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
    expect(r.hex(32)).toMatch(HEX32);
  });
});

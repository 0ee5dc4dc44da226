import { describe, expect, it } from 'vitest';
import { MnsConfigError } from '../errors/mns-error.js';
import {
  buildUploadScenario,
  buildUrlUploadScenario,
  type UploadScenarioOutcome,
} from './build-upload-scenario.js';
import { buildVodScenario, VOD_SCENARIO_KINDS } from './build-vod-scenario.js';
import { isVodEvent } from '../events/is-vod-event.js';
import { parseVodEvent } from '../events/parse-vod-event.js';
import type {
  KnownVodEvent,
  StreamTranscodeCompleteEvent,
  TranscodeCompleteEvent,
} from '../events/vod-event.js';
import { vodEventMediaId, vodEventStatus, vodEventTime } from '../events/vod-event-accessors.js';

const OUTCOMES: UploadScenarioOutcome[] = [
  'success',
  'partial-failure',
  'transcode-failure',
  'snapshot-failure',
  'analysis-failure',
];

function assertValidSequence(events: readonly KnownVodEvent[]): void {
  let last = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    const result = parseVodEvent(JSON.stringify(event));
    if (!result.ok) throw new Error(`${event.EventType}: ${result.error.message}`);
    const time = vodEventTime(event)?.getTime() ?? Number.NaN;
    expect(time).toBeGreaterThan(last);
    last = time;
  }
}

function streamsOf(events: readonly KnownVodEvent[]): StreamTranscodeCompleteEvent[] {
  return events.filter((e): e is StreamTranscodeCompleteEvent => isVodEvent(e, 'StreamTranscodeComplete'));
}

function transcodeOf(events: readonly KnownVodEvent[]): TranscodeCompleteEvent {
  const last = events[events.length - 1];
  if (last === undefined || !isVodEvent(last, 'TranscodeComplete'))
    throw new Error('last event is not TranscodeComplete');
  return last;
}

describe('buildUploadScenario', () => {
  it('emits the documented order with one shared VideoId and increasing times (every outcome, many seeds)', () => {
    for (const outcome of OUTCOMES) {
      for (let seed = 1; seed <= 25; seed++) {
        const events = buildUploadScenario({
          seed,
          outcome,
          definitions: ['FD', 'LD', 'SD'],
          formats: ['mp4', 'm3u8'],
        });
        expect(events.map((e) => e.EventType)).toEqual([
          'FileUploadComplete',
          'VideoAnalysisComplete',
          'SnapshotComplete',
          ...Array(6).fill('StreamTranscodeComplete'),
          'TranscodeComplete',
        ]);
        const ids = new Set(events.map(vodEventMediaId));
        expect(ids.size).toBe(1);
        expect([...ids][0]).toMatch(/^[0-9a-f]{32}$/);
        assertValidSequence(events);
      }
    }
  });

  it('one stream per definition × format, repeated consistently in TranscodeComplete.StreamInfos', () => {
    const events = buildUploadScenario({ seed: 3, definitions: ['LD', 'HD'], formats: ['mp4', 'm3u8'] });
    const streams = streamsOf(events);
    expect(streams.map((s) => `${s.Definition}/${s.Format}`)).toEqual([
      'LD/mp4',
      'LD/m3u8',
      'HD/mp4',
      'HD/m3u8',
    ]);
    const infos = transcodeOf(events).StreamInfos ?? [];
    expect(infos).toHaveLength(4);
    streams.forEach((stream, i) => {
      const { EventTime: _t, EventType: _e, VideoId: _v, ...fields } = stream;
      expect(infos[i]).toEqual(fields);
      expect(vodEventTime(stream)?.toISOString().replace('.000', '')).toBe(stream.FinishTime);
    });
  });

  it('success: everything succeeds, with cover snapshot', () => {
    const events = buildUploadScenario({ seed: 4 });
    expect(events.every((e) => vodEventStatus(e) === 'success')).toBe(true);
    const snapshot = events[2];
    if (snapshot === undefined || !isVodEvent(snapshot, 'SnapshotComplete'))
      throw new Error('expected snapshot');
    expect(snapshot.SnapshotInfos?.[0]?.SnapshotType).toBe('CoverSnapshot');
    expect(snapshot.CoverUrl).toMatch(/^http:\/\/outin-/);
  });

  it('partial-failure: last stream fails, TranscodeComplete still success', () => {
    const events = buildUploadScenario({ seed: 5, outcome: 'partial-failure' });
    expect(streamsOf(events).map((s) => s.Status)).toEqual(['success', 'success', 'fail']);
    expect(transcodeOf(events).Status).toBe('success');
    expect(transcodeOf(events).StreamInfos?.[2]?.ErrorCode).toBe('InvalidParameter.ResourceContentBad');
  });

  it('transcode-failure: every stream fails and TranscodeComplete fails; snapshot succeeds', () => {
    const events = buildUploadScenario({ seed: 6, outcome: 'transcode-failure' });
    expect(streamsOf(events).every((s) => s.Status === 'fail')).toBe(true);
    expect(transcodeOf(events).Status).toBe('fail');
    expect(events[2]?.Status).toBe('success');
  });

  it('snapshot-failure: snapshot fails without CoverUrl, transcoding succeeds', () => {
    const events = buildUploadScenario({ seed: 7, outcome: 'snapshot-failure' });
    expect(events[2]).toMatchObject({ EventType: 'SnapshotComplete', Status: 'fail' });
    expect(events[2]?.CoverUrl).toBeUndefined();
    expect(transcodeOf(events).Status).toBe('success');
  });

  it('analysis-failure: analysis, snapshot and all streams fail', () => {
    const events = buildUploadScenario({ seed: 8, outcome: 'analysis-failure' });
    expect(events.slice(1).every((e) => vodEventStatus(e) === 'failure')).toBe(true);
    expect(events[1]?.ErrorCode).toBe('InvalidParameter.ResourceContentBad');
  });

  it('is deterministic, honours start, region and extend', () => {
    const start = new Date('2025-06-01T12:00:00Z');
    const options = { seed: 11, start, storageRegion: 'eu-central-1', extend: '{"courseId":"c-1"}' };
    expect(buildUploadScenario(options)).toEqual(buildUploadScenario(options));
    const events = buildUploadScenario(options);
    expect(events[0]?.EventTime).toBe('2025-06-01T12:00:00Z');
    expect(events[0]?.FileUrl).toMatch(/\.oss-eu-central-1\.aliyuncs\.com\//);
    expect(events[0]?.Extend).toBe('{"courseId":"c-1"}');
    expect(transcodeOf(events).Extend).toBe('{"courseId":"c-1"}');
  });

  it('rejects invalid options with a config error naming the field and value', () => {
    expect(() => buildUploadScenario({ definitions: [] })).toThrow(/definitions must be a non-empty array/);
    expect(() => buildUploadScenario({ formats: [''] })).toThrow(MnsConfigError);
    expect(() => buildUploadScenario({ outcome: 'boom' as UploadScenarioOutcome })).toThrow(/got "boom"/);
    expect(() =>
      buildUploadScenario({ outcome: 'partial-failure', definitions: ['SD'], formats: ['mp4'] }),
    ).toThrow(/at least two streams/);
  });
});

describe('buildUrlUploadScenario and buildVodScenario', () => {
  it('URL upload: UploadByURLComplete then processing; a failed pull is one event without VideoId', () => {
    const events = buildUrlUploadScenario({ seed: 2 });
    expect(events[0]?.EventType).toBe('UploadByURLComplete');
    expect(new Set(events.map(vodEventMediaId)).size).toBe(1);
    assertValidSequence(events);
    const failed = buildUrlUploadScenario({ seed: 2, pullFailed: true });
    expect(failed).toHaveLength(1);
    expect(failed[0]?.VideoId).toBeUndefined();
    expect(failed[0]?.ErrorCode).toBe('URLInvalidError');
  });

  it('every kind, both variants, many seeds: valid, one media id, increasing times', () => {
    for (const kind of VOD_SCENARIO_KINDS) {
      for (let seed = 1; seed <= 10; seed++) {
        for (const failed of [false, true]) {
          const events = buildVodScenario(kind, { seed, failed });
          expect(events.length).toBeGreaterThan(0);
          assertValidSequence(events);
          const ids = new Set(events.map(vodEventMediaId).filter((id) => id !== undefined));
          expect(ids.size).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('ai-review and storage-class-change have the documented shapes', () => {
    expect(buildVodScenario('ai-review').map((e) => e.EventType)).toEqual([
      'AIMediaAuditComplete',
      'AIMediaDNAComplete',
      'AIVideoTagComplete',
    ]);
    expect(
      buildVodScenario('ai-review', { failed: true }).every((e) => vodEventStatus(e) === 'failure'),
    ).toBe(true);
    const storage = buildVodScenario('storage-class-change');
    expect(storage.map((e) => [e.EventType, e.Status])).toEqual([
      ['UpdateMediaStorageClassComplete', 'Success'],
      ['RestoreMediaComplete', 'Success'],
    ]);
    expect(buildVodScenario('storage-class-change', { failed: true }).map((e) => e.Status)).toEqual([
      'Failed',
    ]);
    expect(() => buildVodScenario('nope' as 'upload')).toThrow(MnsConfigError);
  });
});

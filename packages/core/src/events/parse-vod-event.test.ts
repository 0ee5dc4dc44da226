import { Buffer } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MnsConfigError } from '../errors/mns-error.js';
import { isKnownVodEvent, isVodEvent } from './is-vod-event.js';
import { parseVodEvent } from './parse-vod-event.js';
import type { VodEvent } from './vod-event.js';
import {
  vodCoverUrl,
  vodEventError,
  vodEventExtend,
  vodEventMediaId,
  vodEventStatus,
  vodEventTime,
  vodFileUrl,
  vodNumber,
} from './vod-event-accessors.js';
import { decodeVodJsonField } from './vod-event-fields.js';
import {
  isVodEventParseError,
  VodEventErrorCodes,
  type VodEventParseError,
} from './vod-event-parse-error.js';

// The fixtures live in the repository (packages/core/test/fixtures/vod-events, see its README).
const FIXTURES = new URL('../../test/fixtures/vod-events/', import.meta.url);

function fixtureText(file: string): string {
  return readFileSync(new URL(file, FIXTURES), 'utf8');
}

function parsed(input: unknown): VodEvent {
  const result = parseVodEvent(input);
  if (!result.ok) throw new Error(`expected success, got ${result.error.message}`);
  return result.value;
}

function failed(input: unknown): VodEventParseError {
  const result = parseVodEvent(input);
  if (result.ok) throw new Error(`expected failure, got ${JSON.stringify(result.value).slice(0, 200)}`);
  return result.error;
}

interface Row {
  readonly type: string;
  readonly mediaId: string | undefined;
  readonly outcome: 'success' | 'failure' | undefined;
  readonly time: string;
  readonly check?: (event: VodEvent) => void;
}

/** One row per fixture file: what it must parse to. */
const TABLE: Record<string, Row> = {
  'AIMediaAuditComplete.fail.json': {
    type: 'AIMediaAuditComplete',
    mediaId: 'cb5a362af5ef9f8a679aefcc577838c0',
    outcome: 'failure',
    time: '2025-06-03T11:30:02.117Z',
    check: (e) => {
      expect(vodEventError(e)).toEqual({
        code: 'InvalidParameter.ResourceContentBad',
        message: 'The resource operated InputFile is bad',
      });
      expect(e.Data).toBeUndefined();
    },
  },
  'AIMediaAuditComplete.success.json': {
    type: 'AIMediaAuditComplete',
    mediaId: 'c89db96dd7f6f53d77970ad74c007d38',
    outcome: 'success',
    time: '2025-06-03T11:08:27.914Z',
    check: (e) => {
      if (!isVodEvent(e, 'AIMediaAuditComplete')) throw new Error('narrowing');
      expect(vodEventError(e)).toBeUndefined(); // Code "0" is not an error
      const data = decodeVodJsonField(e.Data);
      expect(data?.Suggestion).toBe('review');
      expect(data?.VideoResult?.PornResult?.CounterList?.[1]).toEqual({ Label: 'sexy', Count: 3 });
      expect(data?.TextResult?.[0]?.Content).toBe('Chemistry lab safety');
    },
  },
  'AIMediaDNAComplete.success.json': {
    type: 'AIMediaDNAComplete',
    mediaId: 'e84dcd15faee8c5a744eb23183d13acd',
    outcome: 'success',
    time: '2025-06-09T02:11:40.052Z',
    check: (e) => {
      if (!isVodEvent(e, 'AIMediaDNAComplete')) throw new Error('narrowing');
      expect(typeof e.Data).toBe('string'); // raw kept
      const data = decodeVodJsonField(e.Data);
      expect(data?.VideoDNA?.[0]?.PrimaryKey).toBe('067edaf49029933365f6914aa90e546b');
      expect(vodNumber(data?.VideoDNA?.[0]?.Similarity)).toBe(0.97);
      expect(e.CompleteTime).toBe('2025-06-09T02:11:39Z');
    },
  },
  'AIVideoTagComplete.fail.json': {
    type: 'AIVideoTagComplete',
    mediaId: 'fd692065c7f86e2d614c7ed5b7e95563',
    outcome: 'failure',
    time: '2025-06-10T05:50:33.000Z',
    check: (e) => expect(vodEventError(e)?.code).toBe('InvalidParameter.ResourceContentBad'),
  },
  'AIVideoTagComplete.success.json': {
    type: 'AIVideoTagComplete',
    mediaId: '485869dde5bb3ba45e862fbcd49a3a94',
    outcome: 'success',
    time: '2025-06-10T05:44:19.000Z',
    check: (e) => {
      if (!isVodEvent(e, 'AIVideoTagComplete')) throw new Error('narrowing');
      const data = decodeVodJsonField(e.Data);
      expect(data?.Keyword?.[1]?.Tag).toBe('实验室');
      expect(data?.Person?.[0]?.FaceUrl).toMatch(/^http:\/\/outin-/);
    },
  },
  'AddLiveRecordVideoComplete.success.json': {
    type: 'AddLiveRecordVideoComplete',
    mediaId: '63ee5e2c9da80a8a21072859c1bfb868',
    outcome: 'success',
    time: '2025-05-18T14:06:31.000Z',
    check: (e) => {
      expect(e.StreamName).toBe('class-7b-math');
      expect(e.RecordEndTime).toBe('2025-05-18T14:02:47Z');
    },
  },
  'AttachedMediaUploadComplete.success.json': {
    type: 'AttachedMediaUploadComplete',
    mediaId: '3d3b75cd7d321492ad1699081592d751',
    outcome: 'success',
    time: '2025-04-22T10:10:10.000Z',
    check: (e) => {
      expect(vodFileUrl(e)).toMatch(/^https:\/\/vod\.media\.example\.com\/attached\/.+\.srt$/);
      expect(e.Size).toBe(40211);
    },
  },
  'CreateAuditComplete.blocked.json': {
    type: 'CreateAuditComplete',
    mediaId: 'b277bf07604812371b638b4afcb89588',
    outcome: 'success',
    time: '2025-03-30T09:12:44.000Z',
    check: (e) => {
      expect(e.AuditStatus).toBe('Blocked');
      expect(e.Reason).toBe('Contains prohibited advertising');
    },
  },
  'CreateAuditComplete.normal.json': {
    type: 'CreateAuditComplete',
    mediaId: '91f129b6c0e8a1381929770bd2788124',
    outcome: 'success',
    time: '2025-03-30T09:20:03.000Z',
    check: (e) => {
      expect(e.AuditStatus).toBe('Normal');
      expect(e.Reason).toBeUndefined();
    },
  },
  'DeleteMediaComplete.fail.json': {
    type: 'DeleteMediaComplete',
    mediaId: '4c188c70540d62a5938127473112ace7',
    outcome: 'failure',
    time: '2025-10-01T01:05:44.000Z',
    check: (e) =>
      expect(vodEventError(e)).toEqual({
        code: 'InvalidVideo.NotFound',
        message: 'The video does not exist.',
      }),
  },
  'DeleteMediaComplete.stream.json': {
    type: 'DeleteMediaComplete',
    mediaId: '2adbe508be85f82bdb31f8529ae243b8',
    outcome: 'success',
    time: '2025-10-02T08:44:29.000Z',
    check: (e) => {
      expect(e.DeleteType).toBe('stream');
      expect(String(e.JobIds).split(',')).toHaveLength(2);
    },
  },
  'DeleteMediaComplete.success.json': {
    type: 'DeleteMediaComplete',
    mediaId: '9d99c4bba32b0a5ed02306319167f49f',
    outcome: 'success',
    time: '2025-10-01T01:02:03.000Z',
    check: (e) => expect(e.MediaType).toBe('video'),
  },
  'DynamicImageComplete.fail.json': {
    type: 'DynamicImageComplete',
    mediaId: '7c0d6d2a05a024e40923edd5ed0c10cf',
    outcome: 'failure',
    time: '2025-04-11T03:25:40.000Z',
    check: (e) => {
      expect(e.JobId).toBe('a05dfc5ed513be49c90a94135b70f036');
      expect(e.DynamicImageJobInfo).toBeUndefined();
    },
  },
  'DynamicImageComplete.success.json': {
    type: 'DynamicImageComplete',
    mediaId: '652b425b085e1dbe1957c37454c56025',
    outcome: 'success',
    time: '2025-04-11T03:22:09.000Z',
    check: (e) => {
      if (!isVodEvent(e, 'DynamicImageComplete')) throw new Error('narrowing');
      const info = decodeVodJsonField(e.DynamicImageJobInfo);
      if (info === undefined || Array.isArray(info)) throw new Error('expected one object');
      expect(vodFileUrl(info)).toMatch(/\.gif$/);
      expect(vodNumber(info.FileSize)).toBe(2207534);
      expect(vodEventStatus(info)).toBe('success');
    },
  },
  'FileUploadComplete.success-no-extend.json': {
    type: 'FileUploadComplete',
    mediaId: 'c26e5a2a75727ea1ffc6d67b0875df83',
    outcome: 'success',
    time: '2025-05-02T11:47:53.000Z',
    check: (e) => {
      expect(vodEventExtend(e)).toBeUndefined();
      expect(vodFileUrl(e)).toMatch(/^http:\/\/outin-[0-9a-f]{32}\.oss-cn-beijing\.aliyuncs\.com\//);
      expect(e.Size).toBe(7315904);
    },
  },
  'FileUploadComplete.success.json': {
    type: 'FileUploadComplete',
    mediaId: '7f9aa338ae8e3196cdff6d7efebebaa8',
    outcome: 'success',
    time: '2025-03-14T02:31:08.000Z',
    check: (e) => {
      expect(vodEventExtend(e)).toEqual({
        text: '{"courseId":"c-2041","uploader":"u-88"}',
        isJson: true,
        json: { courseId: 'c-2041', uploader: 'u-88' },
      });
      expect(e.FileUrl).toBe(vodFileUrl(e));
    },
  },
  'ImageUploadComplete.success.json': {
    type: 'ImageUploadComplete',
    mediaId: 'e138de8571dedd96675593ccacfaecf8',
    outcome: 'success',
    time: '2025-04-02T08:15:42.318Z',
    check: (e) => {
      expect(e.EventTime).toBe('2025-04-02T08:15:42:318Z'); // raw colon form kept
      expect(vodFileUrl(e)).toBe(e.FileURL);
      expect(e.AppId).toBe('app-1000000');
    },
  },
  'MediaBaseChangeComplete.create-string-content.json': {
    type: 'MediaBaseChangeComplete',
    mediaId: '934a4f36fe50c0c2ec9d220b6f84295e',
    outcome: 'success',
    time: '2025-03-14T02:30:01.000Z',
    check: (e) => {
      if (!isVodEvent(e, 'MediaBaseChangeComplete')) throw new Error('narrowing');
      expect(typeof e.MediaContent).toBe('string');
      const content = decodeVodJsonField(e.MediaContent);
      expect(decodeVodJsonField(content?.Title)).toEqual({ NewValue: 'Lesson 5: Buffers' });
      expect(decodeVodJsonField(content?.CateId)).toEqual({ NewValue: 1000742 });
    },
  },
  'MediaBaseChangeComplete.update.json': {
    type: 'MediaBaseChangeComplete',
    mediaId: 'feaf3d22435a2ddc1c3c6e1dc9a6e5ff',
    outcome: 'success',
    time: '2025-03-14T03:10:56.000Z',
    check: (e) => {
      if (!isVodEvent(e, 'MediaBaseChangeComplete')) throw new Error('narrowing');
      expect(typeof e.MediaContent).toBe('object');
      const content = decodeVodJsonField(e.MediaContent);
      expect(decodeVodJsonField(content?.Tags)).toEqual({ OldValue: 'chem', NewValue: 'chem,lab' });
      expect(decodeVodJsonField(content?.CateId)).toEqual({ OldValue: 1000731, NewValue: 1000742 });
    },
  },
  'ProduceMediaComplete.fail.json': {
    type: 'ProduceMediaComplete',
    mediaId: '9aaa221d27704d7884e2a770b46019c1',
    outcome: 'failure',
    time: '2025-05-05T12:09:48.000Z',
    check: (e) => expect(e.ProjectId).toBe('ca7d17e69ee145f93ce29690e20aa97d'),
  },
  'ProduceMediaComplete.success.json': {
    type: 'ProduceMediaComplete',
    mediaId: 'bf7a681f4a7cefe2234b2fcd26d794e7',
    outcome: 'success',
    time: '2025-05-05T12:00:31.000Z',
  },
  'RestoreMediaComplete.fail.json': {
    type: 'RestoreMediaComplete',
    mediaId: '8935bbd780ed9ac7c3b2cd703f9e9fd3',
    outcome: 'failure',
    time: '2025-09-10T06:31:45.000Z',
    check: (e) => {
      expect(e.Status).toBe('Failed');
      expect(vodEventError(e)?.code).toBe('NoSuchKey');
    },
  },
  'RestoreMediaComplete.success.json': {
    type: 'RestoreMediaComplete',
    mediaId: 'a7ab1698a3ceeccae27cfdd4d5d0fa4d',
    outcome: 'success',
    time: '2025-09-10T06:30:00.000Z',
    check: (e) => {
      expect(e.Status).toBe('Success');
      expect(e.RestoreExpiration).toBe('2025-09-17T06:30:00Z');
    },
  },
  'SnapshotComplete.doc-sample-shape.json': {
    type: 'SnapshotComplete',
    mediaId: undefined,
    outcome: undefined,
    time: '2025-01-20T13:40:27.000Z',
    check: (e) => {
      expect(e.VideoId).toBeUndefined();
      expect(vodEventExtend(e)).toEqual({ text: 'chapter-2', isJson: false, json: undefined });
      expect(vodCoverUrl(e)).toMatch(/-00003\.jpg$/);
    },
  },
  'SnapshotComplete.fail.json': {
    type: 'SnapshotComplete',
    mediaId: '9a1f53971e83df286bdeee618fd1cfd8',
    outcome: 'failure',
    time: '2025-08-01T07:03:55.000Z',
    check: (e) => {
      expect(vodCoverUrl(e)).toBeUndefined();
      expect(e.SnapshotInfos).toBeUndefined();
    },
  },
  'SnapshotComplete.specified-time.json': {
    type: 'SnapshotComplete',
    mediaId: '02cba00524c5b93e96379da39ea2b3b9',
    outcome: 'success',
    time: '2025-08-01T07:00:19.000Z',
    check: (e) => {
      if (!isVodEvent(e, 'SnapshotComplete')) throw new Error('narrowing');
      expect(e.SubType).toBe('SpecifiedTime');
      expect(e.SnapshotInfos?.[0]?.SnapshotType).toBe('NormalSnapshot');
    },
  },
  'SnapshotComplete.success.json': {
    type: 'SnapshotComplete',
    mediaId: 'c45137f0d98a2f958e3b4a8def3c9ea6',
    outcome: 'success',
    time: '2025-03-14T02:35:12.000Z',
    check: (e) => {
      if (!isVodEvent(e, 'SnapshotComplete')) throw new Error('narrowing');
      expect(e.SnapshotInfos?.map((i) => i.SnapshotType)).toEqual(['CoverSnapshot', 'SpriteSnapshot']);
      expect(vodCoverUrl(e)).toBe(e.CoverUrl);
    },
  },
  'StreamTranscodeComplete.fail.json': {
    type: 'StreamTranscodeComplete',
    mediaId: 'd67bce37d164d9e1fa8fd45c867050a2',
    outcome: 'failure',
    time: '2025-03-14T02:37:05.000Z',
    check: (e) => {
      expect([e.Definition, e.Format]).toEqual(['HD', 'm3u8']);
      expect(vodFileUrl(e)).toBeUndefined();
    },
  },
  'StreamTranscodeComplete.success.json': {
    type: 'StreamTranscodeComplete',
    mediaId: 'e5a2dc4e668200f3b06afc80b87fb676',
    outcome: 'success',
    time: '2025-03-14T02:36:40.000Z',
    check: (e) => {
      expect(vodNumber(e.Bitrate)).toBe(1187);
      expect(vodNumber(e.Fps)).toBe(25);
      expect(e.Duration).toBe(96.32);
      expect(e.IsAudio).toBe(false);
    },
  },
  'SubmitMediaRefreshComplete.fail.json': {
    type: 'SubmitMediaRefreshComplete',
    mediaId: '1dfca0dac38baf24c000159b8d37a67b',
    outcome: 'failure',
    time: '2025-08-19T05:00:40.000Z',
    check: (e) => {
      if (!isVodEvent(e, 'SubmitMediaRefreshComplete')) throw new Error('narrowing');
      expect(e.TaskType).toBe('Preload');
      expect(decodeVodJsonField(e.FilterPolicy)?.SliceCount).toBe(3);
    },
  },
  'SubmitMediaRefreshComplete.success.json': {
    type: 'SubmitMediaRefreshComplete',
    mediaId: '9290f1d55c7770d2391fcf6bf13536d9',
    outcome: 'success',
    time: '2025-08-19T04:51:07.000Z',
    check: (e) => {
      if (!isVodEvent(e, 'SubmitMediaRefreshComplete')) throw new Error('narrowing');
      expect(e.TaskType).toBe('refresh');
      expect(decodeVodJsonField(e.FilterPolicy)).toEqual({ SliceFlag: false, ResultType: 'Single' });
    },
  },
  'TranscodeComplete.doc-shape-mp4.json': {
    type: 'TranscodeComplete',
    mediaId: '7ff94420f14e08289920ba5d260cbd3d',
    outcome: 'success',
    time: '2025-02-03T04:05:06.000Z',
    check: (e) => {
      if (!isVodEvent(e, 'TranscodeComplete')) throw new Error('narrowing');
      expect(e.StreamInfos?.map((s) => s.Definition)).toEqual(['LD', 'SD']);
      expect(e.StreamInfos?.[0]?.Duration).toBe(42);
      expect(vodEventExtend(e)?.isJson).toBe(false);
    },
  },
  'TranscodeComplete.fail.json': {
    type: 'TranscodeComplete',
    mediaId: '925627a737f0546d66348e0882c573bf',
    outcome: 'failure',
    time: '2025-06-21T10:14:09.000Z',
    check: (e) => {
      if (!isVodEvent(e, 'TranscodeComplete')) throw new Error('narrowing');
      expect(e.StreamInfos?.every((s) => vodEventStatus(s) === 'failure')).toBe(true);
    },
  },
  'TranscodeComplete.partial.json': {
    type: 'TranscodeComplete',
    mediaId: '0eda5304927aa0006adfbd09eab8f984',
    outcome: 'success',
    time: '2025-07-08T16:20:11.000Z',
    check: (e) => {
      if (!isVodEvent(e, 'TranscodeComplete')) throw new Error('narrowing');
      expect(e.StreamInfos?.map((s) => vodEventStatus(s))).toEqual(['success', 'failure']);
      expect(vodEventError(e.StreamInfos?.[1] ?? {})?.code).toBe('InvalidParameter.ResourceContentBad');
      expect(vodEventExtend(e)?.json).toEqual({ batch: '2025-07-08', priority: 2 });
    },
  },
  'TranscodeComplete.success.json': {
    type: 'TranscodeComplete',
    mediaId: '603b0888b7f950f5510802bf1c92da9f',
    outcome: 'success',
    time: '2025-06-21T09:02:44.000Z',
    check: (e) => {
      if (!isVodEvent(e, 'TranscodeComplete')) throw new Error('narrowing');
      expect(e.StreamInfos).toHaveLength(3);
      expect(e.StreamInfos?.every((s) => s.Encrypt === true && s.Format === 'm3u8')).toBe(true);
      expect(vodFileUrl(e.StreamInfos?.[0])).toMatch(/-sd-encrypt-stream\.m3u8$/);
    },
  },
  'UpdateMediaStorageClassComplete.fail.json': {
    type: 'UpdateMediaStorageClassComplete',
    mediaId: 'f632ec2a8b8bbe4d9c8fed1d97264b62',
    outcome: 'failure',
    time: '2025-09-02T18:03:10.000Z',
    check: (e) => expect(e.StorageClass).toBe('Archive'),
  },
  'UpdateMediaStorageClassComplete.success.json': {
    type: 'UpdateMediaStorageClassComplete',
    mediaId: 'f7baa06bbcbbb5216263d26e94e1295c',
    outcome: 'success',
    time: '2025-09-02T18:00:41.000Z',
    check: (e) => expect([e.Scope, e.StorageClass, e.TriggerBy]).toEqual(['All', 'IA', 'API']),
  },
  'UploadByURLComplete.fail.json': {
    type: 'UploadByURLComplete',
    mediaId: undefined,
    outcome: 'failure',
    time: '2025-02-27T06:44:02.000Z',
    check: (e) => {
      expect(e.VideoId).toBeUndefined();
      expect(vodEventError(e)?.code).toBe('URLInvalidError');
    },
  },
  'UploadByURLComplete.stream-fail.json': {
    type: 'UploadByURLComplete',
    mediaId: 'e1fff13ccd835b2ada495d7c0f55175a',
    outcome: 'failure',
    time: '2025-05-18T15:10:12.000Z',
    check: (e) => expect(e.FileType).toBe('Stream'),
  },
  'UploadByURLComplete.stream-success.json': {
    type: 'UploadByURLComplete',
    mediaId: 'f00ddd4df6b7a394167a4e3120f9973e',
    outcome: 'success',
    time: '2025-05-18T14:20:55.000Z',
    check: (e) => {
      expect(e.FileType).toBe('Stream');
      expect(e.StreamFileURL).toMatch(/^http:\/\/outin-/);
    },
  },
  'UploadByURLComplete.success.json': {
    type: 'UploadByURLComplete',
    mediaId: '53f498f0c549fc6b05497574b922691f',
    outcome: 'success',
    time: '2025-02-27T06:41:18.000Z',
    check: (e) => {
      expect(e.Size).toBe('918274431'); // raw string kept
      expect(vodNumber(e.Size)).toBe(918274431);
    },
  },
  'VideoAnalysisComplete.audio-only.json': {
    type: 'VideoAnalysisComplete',
    mediaId: 'c9a97993584d71f9fccc39d6d585fef6',
    outcome: 'success',
    time: '2025-07-01T00:12:55.000Z',
    check: (e) => {
      expect(e.Width).toBeUndefined();
      expect(vodNumber(e.Duration)).toBe(1834.6);
    },
  },
  'VideoAnalysisComplete.fail.json': {
    type: 'VideoAnalysisComplete',
    mediaId: '42f70595f98013b4d24887a42260bab1',
    outcome: 'failure',
    time: '2025-06-21T09:05:02.000Z',
    check: (e) => expect(vodEventError(e)?.code).toBe('InvalidParameter.ResourceContentBad'),
  },
  'VideoAnalysisComplete.success.json': {
    type: 'VideoAnalysisComplete',
    mediaId: 'cdf8e858e270dfada54edab6b77f81b5',
    outcome: 'success',
    time: '2025-06-21T09:01:40.000Z',
    check: (e) => {
      expect([vodNumber(e.Width), vodNumber(e.Height), vodNumber(e.Size)]).toEqual([1920, 1080, 111902720]);
    },
  },
};

const FILES = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('parseVodEvent on every shared fixture', () => {
  it('has one table row per fixture file (a new fixture must be added to the table)', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(44);
    expect(Object.keys(TABLE).sort()).toEqual(FILES);
  });

  const encodings: Record<string, (text: string) => unknown> = {
    'raw JSON': (text) => text,
    base64: (text) => Buffer.from(text, 'utf8').toString('base64'),
    'base64 with line breaks': (text) =>
      Buffer.from(text, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n'),
    'UTF-8 bytes': (text) => new Uint8Array(Buffer.from(text, 'utf8')),
    'ArrayBuffer of base64': (text) =>
      new TextEncoder().encode(Buffer.from(text, 'utf8').toString('base64')).buffer,
    object: (text) => JSON.parse(text),
  };

  for (const [encoding, encode] of Object.entries(encodings)) {
    it.each(FILES)(`%s (${encoding})`, (file) => {
      const row = TABLE[file];
      if (row === undefined) throw new Error(`no table row for ${file}`);
      const text = fixtureText(file);
      const event = parsed(encode(text));
      expect(event.EventType).toBe(row.type);
      expect(isKnownVodEvent(event)).toBe(true);
      expect(vodEventMediaId(event)).toBe(row.mediaId);
      expect(vodEventStatus(event)).toBe(row.outcome);
      expect(event.Status).toBe(JSON.parse(text).Status); // raw status kept
      expect(vodEventTime(event)?.toISOString()).toBe(row.time);
      // every wire field kept verbatim
      expect(event).toEqual(JSON.parse(text));
      row.check?.(event);
    });
  }
});

describe('documented inconsistencies (docs/vod-events.md §7)', () => {
  const base = {
    EventType: 'FileUploadComplete',
    EventTime: '2025-03-14T02:31:08Z',
    VideoId: 'v1',
    Status: 'success',
  };

  it('status vocabularies success/fail, Success/Failed, Succeed/Failed normalise to success|failure, raw kept', () => {
    const cases: [object, 'success' | 'failure'][] = [
      [{ ...base, Status: 'success' }, 'success'],
      [{ ...base, Status: 'fail' }, 'failure'],
      [JSON.parse(fixtureText('RestoreMediaComplete.success.json')), 'success'],
      [JSON.parse(fixtureText('RestoreMediaComplete.fail.json')), 'failure'],
      [
        {
          EventType: 'WorkflowTaskComplete',
          EventTime: '2025-03-14T02:31:08Z',
          WorkflowId: 'w',
          TaskId: 't',
          Status: 'Succeed',
        },
        'success',
      ],
      [
        {
          EventType: 'WorkflowTaskComplete',
          EventTime: '2025-03-14T02:31:08Z',
          WorkflowId: 'w',
          TaskId: 't',
          Status: 'Failed',
        },
        'failure',
      ],
    ];
    for (const [input, outcome] of cases) {
      const event = parsed(input);
      expect(vodEventStatus(event)).toBe(outcome);
      expect(event.Status).toBe((input as { Status: string }).Status);
    }
  });

  it('keeps a status outside the documented vocabulary (VOD may add words) and normalises it to failure', () => {
    const event = parsed({ ...base, Status: 'Partial' });
    expect(event.Status).toBe('Partial');
    expect(vodEventStatus(event)).toBe('failure');
    expect(failed({ ...base, Status: 7 }).issues).toEqual([
      { path: 'Status', message: 'expected string, received number (7)' },
    ]);
  });

  it('EventTime in the seconds, dot-millis and colon-millis forms', () => {
    for (const [text, iso] of [
      ['2025-03-14T02:31:08Z', '2025-03-14T02:31:08.000Z'],
      ['2025-03-14T02:31:08.627Z', '2025-03-14T02:31:08.627Z'],
      ['2025-03-14T02:31:08:627Z', '2025-03-14T02:31:08.627Z'],
    ] as const) {
      expect(vodEventTime(parsed({ ...base, EventTime: text }))?.toISOString()).toBe(iso);
    }
    expect(failed({ ...base, EventTime: '2025-02-30T02:31:08Z' }).issues[0]).toEqual({
      path: 'EventTime',
      message: 'expected a real calendar date and time',
    });
    expect(failed({ ...base, EventTime: '14/03/2025' }).issues[0]?.path).toBe('EventTime');
  });

  it('trims trailing spaces from keys (UploadByURLComplete doc sample), exact name wins, values verbatim', () => {
    const doc =
      '{"Status":"fail","EventTime":"2025-02-27T06:44:02Z","EventType":"UploadByURLComplete","ErrorCode ":"URLInvalidError ","ErrorMessage ":"download video failed by the url, please check it","JobId":"1cc9b28c0ef141fb4deb1fe6f5db484b","SourceURL ":"https://assets.example.org/x.mp4"}';
    const event = parsed(doc);
    expect(event.SourceURL).toBe('https://assets.example.org/x.mp4');
    expect(event.ErrorCode).toBe('URLInvalidError ');
    expect(vodEventError(event)?.code).toBe('URLInvalidError');
    expect(Object.keys(event).some((k) => k !== k.trim())).toBe(false);
    const both = parsed({ ...base, 'FileUrl ': 'trimmed', FileUrl: 'exact' });
    expect(vodFileUrl(both)).toBe('exact');
  });

  it('Data, DynamicImageJobInfo, MediaContent, FilterPolicy, ActivityResults, TaskInput: object or JSON text', () => {
    const info = {
      JobId: 'j',
      Status: 'success',
      FileURL: 'http://x/y.gif',
      FileSize: '1',
      Fps: '15',
      Height: '2',
      Width: '3',
    };
    const dyn = {
      EventType: 'DynamicImageComplete',
      EventTime: '2025-04-11T03:22:09Z',
      VideoId: 'v',
      Status: 'success',
      JobId: 'j',
    };
    for (const value of [info, JSON.stringify(info), [info], JSON.stringify([info])]) {
      const event = parsed({ ...dyn, DynamicImageJobInfo: value });
      expect(event.DynamicImageJobInfo).toEqual(value);
      if (!isVodEvent(event, 'DynamicImageComplete')) throw new Error('narrowing');
      const decoded = decodeVodJsonField(event.DynamicImageJobInfo);
      expect(Array.isArray(decoded) ? decoded[0] : decoded).toEqual(info);
    }
    // the 2021 doc sample: not JSON at all (raw newline inside a string) → kept as text, decodes to undefined
    const broken = '{\n "JobId": "j",\n "FileURL": "http://x/\ny.gif"}';
    const event = parsed({ ...dyn, DynamicImageJobInfo: broken });
    if (!isVodEvent(event, 'DynamicImageComplete')) throw new Error('narrowing');
    expect(event.DynamicImageJobInfo).toBe(broken);
    expect(decodeVodJsonField(event.DynamicImageJobInfo)).toBeUndefined();

    const workflow = {
      EventType: 'WorkflowTaskComplete',
      EventTime: '2025-03-14T02:31:08Z',
      WorkflowId: 'w',
      TaskId: 't',
      Status: 'Succeed',
      VideoId: 'v',
    };
    const activity = {
      a1: { Status: 'Succeed', ActivityId: 'a1', Result: { Status: 'Finished', JobId: 'j' } },
    };
    const input = { Type: 'Media', Media: 'v', Title: 'T' };
    for (const [a, t] of [
      [activity, input],
      [JSON.stringify(activity), JSON.stringify(input)],
    ]) {
      const wf = parsed({ ...workflow, ActivityResults: a, TaskInput: t });
      if (!isVodEvent(wf, 'WorkflowTaskComplete')) throw new Error('narrowing');
      expect(decodeVodJsonField(wf.ActivityResults)?.a1?.Status).toBe('Succeed');
      expect(decodeVodJsonField(wf.TaskInput)?.Media).toBe('v');
      expect(vodEventMediaId(wf)).toBe('v');
    }
  });

  it('reports problems inside JSON text under the field path', () => {
    const error = failed({
      EventType: 'AIMediaDNAComplete',
      EventTime: '2025-06-09T02:11:40:052Z',
      JobId: 'j',
      MediaId: 'm',
      Status: 'success',
      Data: '{"VideoDNA":[{"Similarity":true}]}',
    });
    expect(error.issues).toEqual([
      {
        path: 'Data',
        message:
          'in the JSON text at VideoDNA[0].Similarity: expected number or string, received boolean (true)',
      },
    ]);
  });

  it('numbers as strings where samples disagree (docs/vod-events.md §5.4); non-numeric text rejected', () => {
    const analysis = {
      EventType: 'VideoAnalysisComplete',
      EventTime: '2025-06-21T09:01:40Z',
      VideoId: 'v',
      Status: 'success',
    };
    expect(parsed({ ...analysis, Width: 1920, Height: '1080', Duration: 12.5, Size: '100' }).Height).toBe(
      '1080',
    );
    expect(failed({ ...analysis, Size: '12 MB' }).issues).toEqual([
      { path: 'Size', message: 'expected a numeric string, received string "12 MB"' },
    ]);
    expect(failed({ ...analysis, Width: { px: 1 } }).issues).toEqual([
      { path: 'Width', message: 'expected number or string, received object' },
    ]);
  });

  it('SnapshotComplete without VideoId/Status and UploadByURLComplete failure without VideoId are valid', () => {
    expect(parsed(fixtureText('SnapshotComplete.doc-sample-shape.json')).VideoId).toBeUndefined();
    expect(vodEventMediaId(parsed(fixtureText('UploadByURLComplete.fail.json')))).toBeUndefined();
  });

  it('Definition, Format and EncryptType are open sets (SD vs UHD across doc languages, suffixed forms)', () => {
    const stream = {
      EventType: 'StreamTranscodeComplete',
      EventTime: '2025-03-14T02:36:40Z',
      VideoId: 'v',
      Status: 'success',
    };
    for (const Definition of ['SD', 'UHD', 'HD-MP4', 'AUTO', '2K', 'AudioHQ']) {
      expect(parsed({ ...stream, Definition, Format: 'mp3', EncryptType: 'HLSEncryption' }).Definition).toBe(
        Definition,
      );
    }
  });

  it('keeps unknown fields on known events', () => {
    const event = parsed({ ...base, NewField: { nested: [1, 2] }, Codec2: 'av1' });
    expect(event.NewField).toEqual({ nested: [1, 2] });
    expect(event.Codec2).toBe('av1');
  });

  it('the broken doc sample with a trailing comma is invalid JSON, not a crash', () => {
    const error = failed('{"EventType":"AddLiveRecordVideoComplete","VideoId":"v",}');
    expect(error.code).toBe(VodEventErrorCodes.invalidJson);
  });
});

describe('unknown event types', () => {
  it('parse to an UnknownVodEvent keeping every field', () => {
    const input = {
      EventType: 'SomeFutureEvent',
      EventTime: '2026-01-01T00:00:00Z',
      MediaId: 'm',
      Extra: { a: [1] },
    };
    const event = parsed(JSON.stringify(input));
    expect(event).toEqual(input);
    expect(isKnownVodEvent(event)).toBe(false);
    expect(vodEventMediaId(event)).toBe('m');
  });

  it('IMS-style names that collide with VOD names are validated as VOD events (and fail clearly)', () => {
    const ims = {
      EventType: 'FileUploadComplete',
      UserId: 1,
      EventTime: '2025-03-14T02:31:08Z',
      MessageBody: { Status: 'Success' },
    };
    const error = failed(ims);
    expect(error.code).toBe(VodEventErrorCodes.schema);
    expect(error.issues.map((i) => i.path)).toEqual(['VideoId', 'Status']);
  });

  it('inherited property names as EventType are unknown types, not schema lookups', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const event = parsed({ EventType: name, X: 1 });
      expect(event.EventType).toBe(name);
      expect(isKnownVodEvent(event)).toBe(false);
    }
  });
});

describe('errors', () => {
  it('lists each problem by path', () => {
    const error = failed({
      EventType: 'TranscodeComplete',
      EventTime: '2025-06-21T09:02:44Z',
      VideoId: 'v',
      Status: 'success',
      StreamInfos: [{ Status: 'success' }, { Status: 7, Size: '12' }],
    });
    expect(error.code).toBe('ERR_VOD_EVENT_SCHEMA');
    expect(error.eventType).toBe('TranscodeComplete');
    expect(error.retryable).toBe(false);
    expect(error.issues).toEqual([
      { path: 'StreamInfos[1].Status', message: 'expected string, received number (7)' },
      { path: 'StreamInfos[1].Size', message: 'expected number, received string "12"' },
    ]);
    expect(error.message).toBe(
      'ERR_VOD_EVENT_SCHEMA: TranscodeComplete: StreamInfos[1].Status: expected string, received number (7); StreamInfos[1].Size: expected number, received string "12"',
    );
    expect(isVodEventParseError(error)).toBe(true);
    expect(error.toJSON()).toMatchObject({ code: 'ERR_VOD_EVENT_SCHEMA', eventType: 'TranscodeComplete' });
  });

  it('names missing required fields', () => {
    const error = failed({
      EventType: 'ProduceMediaComplete',
      EventTime: '2025-05-05T12:00:31Z',
      Status: 'success',
    });
    expect(error.issues).toEqual([
      { path: 'MediaId', message: 'missing (expected string)' },
      { path: 'ProjectId', message: 'missing (expected string)' },
    ]);
  });

  it.each([
    ['a number', 42, VodEventErrorCodes.notObject],
    ['null', null, VodEventErrorCodes.notObject],
    ['undefined', undefined, VodEventErrorCodes.notObject],
    ['an array', [{ EventType: 'TranscodeComplete' }], VodEventErrorCodes.notObject],
    ['JSON array text', '[1,2]', VodEventErrorCodes.notObject],
    ['JSON number text', '12', VodEventErrorCodes.notObject],
    ['JSON null text', 'null', VodEventErrorCodes.notObject],
    ['a function', () => 1, VodEventErrorCodes.notObject],
    ['a symbol', Symbol('x'), VodEventErrorCodes.notObject],
    ['a bigint', 10n, VodEventErrorCodes.notObject],
    ['empty text', '', VodEventErrorCodes.invalidJson],
    ['whitespace', '   \n', VodEventErrorCodes.invalidJson],
    ['broken JSON', '{"EventType":', VodEventErrorCodes.invalidJson],
    ['garbage', 'hello world!', VodEventErrorCodes.invalidJson],
    ['base64 of garbage', Buffer.from('not json').toString('base64'), VodEventErrorCodes.invalidJson],
    [
      'base64 of invalid UTF-8',
      Buffer.from([0xff, 0xfe, 0xfd, 0x7b]).toString('base64'),
      VodEventErrorCodes.invalidJson,
    ],
    ['base64 of a JSON array', Buffer.from('[1]').toString('base64'), VodEventErrorCodes.notObject],
    ['invalid UTF-8 bytes', new Uint8Array([0x7b, 0xff, 0x7d]), VodEventErrorCodes.invalidJson],
    ['no EventType', '{"VideoId":"v"}', VodEventErrorCodes.missingType],
    ['numeric EventType', '{"EventType":12}', VodEventErrorCodes.missingType],
    ['empty EventType', '{"EventType":""}', VodEventErrorCodes.missingType],
    ['null EventType', '{"EventType":null}', VodEventErrorCodes.missingType],
    ['object EventType', '{"EventType":{"a":1}}', VodEventErrorCodes.missingType],
  ])('%s → %s', (_name, input, code) => {
    const error = failed(input);
    expect(error.code).toBe(code);
    expect(error.issues.length).toBeGreaterThan(0);
    expect(error.message.startsWith(code)).toBe(true);
  });

  it('rejects text longer than maxInputLength before decoding, and validates the option', () => {
    const big = `{"EventType":"X","pad":"${'a'.repeat(5_000_000)}"}`;
    expect(failed(big).code).toBe(VodEventErrorCodes.tooLarge);
    expect(parseVodEvent(big, { maxInputLength: Number.POSITIVE_INFINITY }).ok).toBe(true);
    expect(parseVodEvent('{"EventType":"X"}', { maxInputLength: 5 }).ok).toBe(false);
    expect(() => parseVodEvent('{}', { maxInputLength: 0 })).toThrow(MnsConfigError);
    expect(() => parseVodEvent('{}', { maxInputLength: 1.5 })).toThrow(
      /maxInputLength must be a positive integer/,
    );
  });

  it('reports an unreadable object (throwing getter / Proxy) instead of throwing', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    expect(failed(hostile).code).toBe(VodEventErrorCodes.unreadable);
    const getter = Object.defineProperty({ EventType: 'FileUploadComplete' }, 'VideoId', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
    expect(failed(getter).code).toBe(VodEventErrorCodes.unreadable);
    const { proxy, revoke } = Proxy.revocable({ EventType: 'X' }, {});
    revoke();
    expect(failed(proxy).code).toBe(VodEventErrorCodes.unreadable);
    const noPrototype = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('no prototype for you');
        },
      },
    );
    expect(failed(noPrototype).code).toBe(VodEventErrorCodes.unreadable);
  });
});

describe('hostile input', () => {
  it('drops __proto__ keys and never touches prototypes', () => {
    for (const text of [
      '{"EventType":"Unknown1","__proto__":{"polluted":1}}',
      '{"EventType":"FileUploadComplete","EventTime":"2025-03-14T02:31:08Z","VideoId":"v","Status":"success","__proto__":{"polluted":1}}',
      '{"EventType":"Unknown2","__proto__ ":{"polluted":1}}',
      '{"EventType":"Unknown3","constructor":{"prototype":{"polluted":1}}}',
    ]) {
      const event = parsed(text);
      expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
      expect((event as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.hasOwn(event, '__proto__')).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('survives deep nesting in raw text and objects', () => {
    const deepText = `{"EventType":"Deep","x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const result = parseVodEvent(deepText, { maxInputLength: Number.POSITIVE_INFINITY });
    expect(typeof result.ok).toBe('boolean');
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    const event = parsed({
      EventType: 'TranscodeComplete',
      EventTime: '2025-06-21T09:02:44Z',
      VideoId: 'v',
      Status: 'success',
      Deep: deep,
    });
    expect(event.Deep).toBe(deep);
    const cyclic: Record<string, unknown> = { EventType: 'Cyclic' };
    cyclic.self = cyclic;
    expect(parsed(cyclic).self).toBe(cyclic);
  });
});

import { describe, expectTypeOf, it } from 'vitest';
import { isKnownVodEvent, isVodEvent } from './is-vod-event.js';
import { parseVodEvent } from './parse-vod-event.js';
import type {
  KnownVodEvent,
  SnapshotCompleteEvent,
  TranscodeCompleteEvent,
  UnknownVodEvent,
  VodEvent,
  VodEventOf,
  VodStreamInfo,
} from './vod-event.js';
import type { VodEventParseError } from './vod-event-parse-error.js';
import type { VodEventType } from './vod-event-schemas.js';
import { createVodEvent } from '../testing/create-vod-event.js';

declare const event: VodEvent;

describe('VodEvent narrowing', () => {
  it('parseVodEvent returns a Result of VodEvent / VodEventParseError', () => {
    const result = parseVodEvent('{}');
    if (result.ok) expectTypeOf(result.value).toEqualTypeOf<VodEvent>();
    else expectTypeOf(result.error).toEqualTypeOf<VodEventParseError>();
  });

  it('isVodEvent narrows to the named event type', () => {
    if (isVodEvent(event, 'TranscodeComplete')) {
      expectTypeOf(event).toEqualTypeOf<TranscodeCompleteEvent>();
      expectTypeOf(event.EventType).toEqualTypeOf<'TranscodeComplete'>();
      expectTypeOf(event.Status).toEqualTypeOf<'success' | 'fail' | (string & {})>();
      expectTypeOf(event.StreamInfos).toEqualTypeOf<VodStreamInfo[] | undefined>();
      expectTypeOf(event.VideoId).toEqualTypeOf<string>();
    }
    if (isVodEvent(event, 'SnapshotComplete')) {
      expectTypeOf(event).toEqualTypeOf<SnapshotCompleteEvent>();
      expectTypeOf(event.VideoId).toEqualTypeOf<string | undefined>();
    }
    if (isVodEvent(event, 'RestoreMediaComplete')) {
      expectTypeOf(event.Status).toEqualTypeOf<'Success' | 'Failed' | (string & {})>();
    }
    if (isVodEvent(event, 'WorkflowTaskComplete')) {
      expectTypeOf(event.Status).toEqualTypeOf<'Succeed' | 'Failed' | (string & {})>();
    }
  });

  it('isKnownVodEvent narrows to the known union; switch narrows each case', () => {
    if (isKnownVodEvent(event)) {
      expectTypeOf(event).toEqualTypeOf<KnownVodEvent>();
      expectTypeOf(event.EventType).toEqualTypeOf<VodEventType>();
      switch (event.EventType) {
        case 'FileUploadComplete':
          expectTypeOf(event.VideoId).toEqualTypeOf<string>();
          expectTypeOf(event.Size).toEqualTypeOf<number | undefined>();
          break;
        case 'VideoAnalysisComplete':
          expectTypeOf(event.Size).toEqualTypeOf<string | number | undefined>();
          break;
        case 'ImageUploadComplete':
          expectTypeOf(event.ImageId).toEqualTypeOf<string>();
          break;
      }
    } else {
      expectTypeOf(event).toEqualTypeOf<UnknownVodEvent>();
      expectTypeOf(event.EventType).toEqualTypeOf<string>();
    }
  });

  it('isVodEvent only accepts the 22 names', () => {
    // @ts-expect-error not a known event type
    isVodEvent(event, 'TranscodeCompleted');
    expectTypeOf<VodEventOf<'DeleteMediaComplete'>['DeleteType']>().toEqualTypeOf<
      'all' | 'mezzanine' | 'stream' | (string & {})
    >();
  });

  it('createVodEvent returns the event type of its name', () => {
    expectTypeOf(createVodEvent('TranscodeComplete')).toEqualTypeOf<TranscodeCompleteEvent>();
    // @ts-expect-error overrides are typed per event
    createVodEvent('TranscodeComplete', { Status: 1 });
  });
});

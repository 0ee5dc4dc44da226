import { describe, expect, it } from 'vitest';
import {
  normalizeVodStatus,
  vodCoverUrl,
  vodEventError,
  vodEventExtend,
  vodEventMediaId,
  vodEventTime,
  vodFileUrl,
  vodNumber,
  vodSnapshotUrls,
} from './vod-event-accessors.js';
import { decodeVodJsonField } from './vod-event-fields.js';
import { formatVodTimestamp, parseVodTimestamp } from './vod-time.js';

describe('parseVodTimestamp', () => {
  it.each([
    ['2025-03-14T02:31:08Z', '2025-03-14T02:31:08.000Z'],
    ['2025-03-14T02:31:08.627Z', '2025-03-14T02:31:08.627Z'],
    ['2025-03-14T02:31:08:627Z', '2025-03-14T02:31:08.627Z'],
    ['2025-03-14T02:31:08.6Z', '2025-03-14T02:31:08.600Z'],
    ['2025-03-14T02:31:08.123456789Z', '2025-03-14T02:31:08.123Z'],
    ['2025-03-14T10:31:08+08:00', '2025-03-14T02:31:08.000Z'],
    ['2025-03-13T21:31:08-0500', '2025-03-14T02:31:08.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['0025-03-14T02:31:08Z', '0025-03-14T02:31:08.000Z'],
    ['2000-02-29T23:59:59:999Z', '2000-02-29T23:59:59.999Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseVodTimestamp(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2025-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2025-04-31T00:00:00Z',
    '2025-03-14T02:31:08.Z',
    '2025-03-14T02:31:08.1234567890Z',
    '2025-03-14T02:31:08+24:00',
    '2025-03-14T02:31:08Zjunk',
    '２０２５-03-14T02:31:08Z',
    '2025-13-01T00:00:00Z',
    '2025-03-14T24:00:00Z',
    '2025-03-14T02:60:00Z',
    '2025-03-14 02:31:08Z',
    '2025-03-14T02:31:08',
    '1741919468',
    '',
  ])('rejects %s', (text) => {
    expect(parseVodTimestamp(text)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    expect(parseVodTimestamp(1741919468)).toBeUndefined();
    expect(parseVodTimestamp(undefined)).toBeUndefined();
  });

  it('formats the three VOD forms and round-trips', () => {
    const date = new Date('2025-04-02T08:15:42.318Z');
    expect(formatVodTimestamp(date)).toBe('2025-04-02T08:15:42Z');
    expect(formatVodTimestamp(date, 'dot')).toBe('2025-04-02T08:15:42.318Z');
    expect(formatVodTimestamp(date, 'colon')).toBe('2025-04-02T08:15:42:318Z');
    expect(parseVodTimestamp(formatVodTimestamp(date, 'colon'))?.getTime()).toBe(date.getTime());
  });
});

describe('accessors', () => {
  it('normalizeVodStatus maps the three vocabularies; unexpected casing is a failure; non-strings undefined', () => {
    expect(['success', 'Success', 'Succeed'].map(normalizeVodStatus)).toEqual([
      'success',
      'success',
      'success',
    ]);
    expect(['fail', 'Failed', 'FAIL', 'SUCCESS', ''].map(normalizeVodStatus)).toEqual([
      'failure',
      'failure',
      'failure',
      'failure',
      'failure',
    ]);
    expect(normalizeVodStatus(undefined)).toBeUndefined();
    expect(normalizeVodStatus(1)).toBeUndefined();
  });

  it('vodEventMediaId reads VideoId, MediaId, ImageId, AttachedMediaId in that order, skipping empty values', () => {
    const e = (fields: Record<string, unknown>) => ({ EventType: 'X', ...fields });
    expect(vodEventMediaId(e({ VideoId: 'v', MediaId: 'm' }))).toBe('v');
    expect(vodEventMediaId(e({ VideoId: '', MediaId: 'm' }))).toBe('m');
    expect(vodEventMediaId(e({ ImageId: 'i' }))).toBe('i');
    expect(vodEventMediaId(e({ AttachedMediaId: 'a' }))).toBe('a');
    expect(vodEventMediaId(e({ VideoId: 12 }))).toBeUndefined();
    expect(vodEventMediaId(e({}))).toBeUndefined();
  });

  it('vodFileUrl / vodCoverUrl read either casing', () => {
    expect(vodFileUrl({ FileUrl: 'a' })).toBe('a');
    expect(vodFileUrl({ FileURL: 'b' })).toBe('b');
    expect(vodFileUrl({ FileUrl: 'a', FileURL: 'b' })).toBe('a');
    expect(vodFileUrl({ FileUrl: 3 })).toBeUndefined();
    expect(vodFileUrl(undefined)).toBeUndefined();
    expect(vodCoverUrl({ CoverUrl: 'c' })).toBe('c');
    expect(vodCoverUrl({ CoverURL: 'C' })).toBe('C');
  });

  it('vodEventExtend decodes JSON text and keeps plain text', () => {
    expect(vodEventExtend({ Extend: '{"a":1}' })).toEqual({ text: '{"a":1}', isJson: true, json: { a: 1 } });
    expect(vodEventExtend({ Extend: 'test data' })).toEqual({
      text: 'test data',
      isJson: false,
      json: undefined,
    });
    expect(vodEventExtend({ Extend: 'null' })).toEqual({ text: 'null', isJson: true, json: null });
    expect(vodEventExtend({})).toBeUndefined();
    expect(Object.isFrozen(vodEventExtend({ Extend: 'x' }))).toBe(true);
  });

  it('vodEventError reads ErrorCode/ErrorMessage or Code/Message, ignores Code "0", trims', () => {
    expect(vodEventError({ ErrorCode: 'URLInvalidError ', ErrorMessage: ' bad ' })).toEqual({
      code: 'URLInvalidError',
      message: 'bad',
    });
    expect(vodEventError({ Code: 'Throttling', Message: 'slow down' })).toEqual({
      code: 'Throttling',
      message: 'slow down',
    });
    expect(vodEventError({ Code: '0', Message: 'OK' })).toBeUndefined();
    expect(vodEventError({ ErrorCode: 'X' })).toEqual({ code: 'X', message: undefined });
    expect(vodEventError({})).toBeUndefined();
  });

  it('vodNumber accepts numbers and numeric text only', () => {
    expect(vodNumber(3)).toBe(3);
    expect(vodNumber('925')).toBe(925);
    expect(vodNumber('212.48')).toBe(212.48);
    expect(vodNumber(' -1 ')).toBe(-1);
    expect(vodNumber('12 MB')).toBeUndefined();
    expect(vodNumber('')).toBeUndefined();
    expect(vodNumber(Number.NaN)).toBeUndefined();
    expect(vodNumber(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(vodNumber(undefined)).toBeUndefined();
  });

  it('vodSnapshotUrls expands {SnapshotCount} to 1-based 5-digit indexes', () => {
    expect(
      vodSnapshotUrls({ SnapshotRegular: 'http://h/v/c-{SnapshotCount}.jpg', SnapshotCount: 3 }),
    ).toEqual(['http://h/v/c-00001.jpg', 'http://h/v/c-00002.jpg', 'http://h/v/c-00003.jpg']);
    expect(vodSnapshotUrls({ SnapshotRegular: 'x', SnapshotCount: -2 })).toEqual([]);
  });

  it('decodeVodJsonField returns objects as they are, parses JSON text, undefined for non-JSON or absent', () => {
    const obj = { a: 1 };
    expect(decodeVodJsonField(obj)).toBe(obj);
    expect(decodeVodJsonField<{ a: number }>('{"a":1}')).toEqual({ a: 1 });
    expect(decodeVodJsonField<{ a: number }>('not json')).toBeUndefined();
    expect(decodeVodJsonField(undefined)).toBeUndefined();
  });

  it('vodEventTime on unknown events with a bad or missing EventTime is undefined', () => {
    expect(vodEventTime({ EventType: 'X' })).toBeUndefined();
    expect(vodEventTime({ EventType: 'X', EventTime: 'yesterday' })).toBeUndefined();
  });
});

import { parseVodEvent } from '@vodmns/core';
import { describe, expect, it } from 'vitest';
import { describeMessageBody, viewVodEvent } from './describe-event.js';

const upload = {
  EventType: 'FileUploadComplete',
  EventTime: '2025-03-14T02:31:08Z',
  VideoId: '5a1b0c5e7f8d4b9c8e7f6a5b4c3d2e1f',
  Status: 'success',
  Size: 1048576,
  FileUrl: 'http://outin-x.oss-cn-shanghai.aliyuncs.com/a.mp4',
};

describe('viewVodEvent', () => {
  it('shows type, media id, normalised status, time and key fields', () => {
    const parsed = parseVodEvent(JSON.stringify(upload));
    if (!parsed.ok) throw parsed.error;
    expect(viewVodEvent(parsed.value)).toEqual({
      type: 'FileUploadComplete',
      mediaId: '5a1b0c5e7f8d4b9c8e7f6a5b4c3d2e1f',
      status: 'success',
      time: '2025-03-14T02:31:08.000Z',
      details: 'Size=1048576',
    });
  });
});

describe('describeMessageBody', () => {
  it('summarises a VOD event body, raw or base64', () => {
    const json = JSON.stringify(upload);
    expect(describeMessageBody(json)).toBe(
      'FileUploadComplete 5a1b0c5e7f8d4b9c8e7f6a5b4c3d2e1f success Size=1048576',
    );
    expect(describeMessageBody(Buffer.from(json).toString('base64'))).toBe(describeMessageBody(json));
  });

  it('shows any other body shortened to one line', () => {
    expect(describeMessageBody('hello\nworld')).toBe('hello world');
    expect(describeMessageBody('x'.repeat(200))).toHaveLength(80);
  });
});

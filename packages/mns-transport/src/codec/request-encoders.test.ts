import { describe, expect, it } from 'vitest';
import {
  encodeMessage,
  encodeMessages,
  encodeQueueAttributes,
  encodeReceiptHandles,
} from './request-encoders.js';
import { parseXmlDocument, xmlChildren, xmlText } from './xml.js';

const DECL = '<?xml version="1.0" encoding="UTF-8"?>';
const NS = 'xmlns="http://mns.aliyuncs.com/doc/v1/"';

describe('request encoders (docs/mns-protocol.md §4 shapes)', () => {
  it('SendMessage', () => {
    expect(encodeMessage({ body: 'aGVsbG8gd29ybGQ=', delaySeconds: 0, priority: 8 })).toBe(
      `${DECL}<Message ${NS}><MessageBody>aGVsbG8gd29ybGQ=</MessageBody><DelaySeconds>0</DelaySeconds><Priority>8</Priority></Message>`,
    );
    expect(encodeMessage({ body: 'x' })).toBe(`${DECL}<Message ${NS}><MessageBody>x</MessageBody></Message>`);
  });

  it('BatchSendMessage', () => {
    expect(encodeMessages([{ body: 'a' }, { body: 'b', priority: 1 }])).toBe(
      `${DECL}<Messages ${NS}><Message><MessageBody>a</MessageBody></Message><Message><MessageBody>b</MessageBody><Priority>1</Priority></Message></Messages>`,
    );
  });

  it('BatchDeleteMessage', () => {
    expect(encodeReceiptHandles(['1-ODU4OTkzNDU5My0xNDM1MTk3NjAwLTItNg==', 'h2'])).toBe(
      `${DECL}<ReceiptHandles ${NS}><ReceiptHandle>1-ODU4OTkzNDU5My0xNDM1MTk3NjAwLTItNg==</ReceiptHandle><ReceiptHandle>h2</ReceiptHandle></ReceiptHandles>`,
    );
  });

  it('CreateQueue / SetQueueAttributes: all fields, and empty', () => {
    expect(
      encodeQueueAttributes({
        delaySeconds: 0,
        maximumMessageSize: 65536,
        messageRetentionPeriodSeconds: 345600,
        visibilityTimeoutSeconds: 30,
        pollingWaitSeconds: 0,
        loggingEnabled: false,
      }),
    ).toBe(
      `${DECL}<Queue ${NS}><DelaySeconds>0</DelaySeconds><MaximumMessageSize>65536</MaximumMessageSize><MessageRetentionPeriod>345600</MessageRetentionPeriod><VisibilityTimeout>30</VisibilityTimeout><PollingWaitSeconds>0</PollingWaitSeconds><LoggingEnabled>False</LoggingEnabled></Queue>`,
    );
    expect(encodeQueueAttributes(undefined)).toBe(`${DECL}<Queue ${NS}></Queue>`);
  });

  it.each([
    ['XML specials', `<a href="x">Tom & 'Jerry'</a> ]]> &amp;`],
    ['CJK and emoji', '视频上传完成 🎬😀 한국어'],
    ['line ends and tabs', 'a\r\nb\rc\n\td'],
    ['JSON', '{"EventType":"FileUploadComplete","VideoId":"abc<>&"}'],
    ['spaces only', '   '],
  ])('round-trips %s through a conforming parser', (_name, body) => {
    const parsed = parseXmlDocument(encodeMessages([{ body }, { body: `${body}!` }]));
    const entries = xmlChildren(parsed.node, 'Message');
    expect(xmlText(entries[0], 'MessageBody')).toBe(body);
    expect(xmlText(entries[1], 'MessageBody')).toBe(`${body}!`);
  });
});

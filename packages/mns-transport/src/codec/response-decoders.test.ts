import { describe, expect, it } from 'vitest';
import {
  batchDeletePartialDoc,
  batchReceiveDoc,
  batchSendOkDoc,
  batchSendPartialDoc,
  changeVisibilityDoc,
  ERROR_CODES,
  errorDoc,
  listQueuesDoc,
  listQueuesEmptyDoc,
  listQueuesLastPageDoc,
  listQueuesWithMetaDoc,
  peekMessageDoc,
  RECEIVED_MESSAGE_FIELDS,
  queueAttributesDoc,
  receiveMessageDoc,
  sendDelayedMessageDoc,
  sendMessageDoc,
} from '../../test/fixtures/response-documents.js';
import { decodeMnsDocument } from './decode-mns-document.js';
import {
  decodeBatchDeleteErrors,
  decodeBatchSendResults,
  decodeChangeVisibility,
  decodeErrorDocument,
  decodePeekedMessage,
  decodePeekedMessages,
  decodeQueueAttributes,
  decodeQueueList,
  decodeReceivedMessage,
  decodeReceivedMessages,
  decodeSendResult,
  ResponseShapeError,
} from './response-decoders.js';

const doc = decodeMnsDocument;

const RECEIVED = {
  messageId: '0909FF0D9C3A630C372B8A14BD2011B6',
  receiptHandle: '8-0zxjHBaWtzPz8zphz0z6OGz5yWWidU1fJM',
  messageBodyMd5: '9D75198CAA17528AB23790C1861987AF',
  messageBody: 'I am 测试字符串.',
  enqueueTime: 1716809414944,
  firstDequeueTime: 1716809420986,
  nextVisibleTime: 1716809470986,
  dequeueCount: 1,
  priority: 10,
};

describe('response decoders (golden bodies, docs/mns-protocol.md §4/§7)', () => {
  it('ReceiveMessage', () => {
    expect(decodeReceivedMessage(doc(receiveMessageDoc))).toEqual(RECEIVED);
  });

  it('BatchReceiveMessage keeps order', () => {
    const records = [
      RECEIVED_MESSAGE_FIELDS,
      { ...RECEIVED_MESSAGE_FIELDS, MessageId: 'B', DequeueCount: '3' },
    ];
    const out = decodeReceivedMessages(doc(batchReceiveDoc(records)));
    expect(out).toEqual([RECEIVED, { ...RECEIVED, messageId: 'B', dequeueCount: 3 }]);
  });

  it('PeekMessage / BatchPeekMessage', () => {
    const peeked = {
      messageId: '5F290C926D472878-2-14D9529A8FA-200000001',
      messageBodyMd5: '5EB63BBBE01EEED093CB22BB8F5ACDC3',
      messageBody: 'hello world',
      enqueueTime: 1250700979248,
      firstDequeueTime: 1250700979248,
      dequeueCount: 0,
      priority: 8,
    };
    expect(decodePeekedMessage(doc(peekMessageDoc))).toEqual(peeked);
    const batch = peekMessageDoc
      .replace('<Message ', '<Messages ><Message ')
      .replace(/<\/Message>$/, '</Message></Messages>');
    expect(decodePeekedMessages(doc(batch))).toEqual([peeked]);
  });

  it('SendMessage, with and without a receipt handle', () => {
    expect(decodeSendResult(doc(sendMessageDoc))).toEqual({
      messageId: '7F3D61FE01E545217FCC712779C9BBF5',
      messageBodyMd5: 'BEF52DC1307A739DCCAF74F068DBC8DF',
      receiptHandle: undefined,
    });
    expect(decodeSendResult(doc(sendDelayedMessageDoc)).receiptHandle).toBe(
      '1-ODU4OTkzNDU5My0xNDM1MTk3NjAwLTItNg==',
    );
  });

  it('BatchSendMessage success and partial failure (per entry, in order)', () => {
    expect(decodeBatchSendResults(doc(batchSendOkDoc), 2)).toEqual([
      { ok: true, messageId: 'A1', messageBodyMd5: '5EB63BBBE01EEED093CB22BB8F5ACDC3' },
      { ok: true, messageId: 'A2', messageBodyMd5: 'BEF52DC1307A739DCCAF74F068DBC8DF' },
    ]);
    expect(decodeBatchSendResults(doc(batchSendPartialDoc), 2)).toEqual([
      { ok: true, messageId: 'A1', messageBodyMd5: '5EB63BBBE01EEED093CB22BB8F5ACDC3' },
      { ok: false, errorCode: 'InternalError', errorMessage: 'Interal error.' },
    ]);
    expect(() => decodeBatchSendResults(doc(batchSendOkDoc), 3)).toThrow(/2 entries for 3 messages/);
  });

  it('BatchDeleteMessage partial failure', () => {
    expect(decodeBatchDeleteErrors(doc(batchDeletePartialDoc))).toEqual([
      {
        errorCode: 'MessageNotExist',
        errorMessage: 'Message not exist.',
        receiptHandle: '1-ODU4OTkzNDU5My0xNDM1MTk3NjAwLTItNg==',
      },
      {
        errorCode: 'ReceiptHandleError',
        errorMessage: 'The receipt handle you provide is not valid.',
        receiptHandle: 'bad',
      },
    ]);
  });

  it('ChangeMessageVisibility', () => {
    expect(decodeChangeVisibility(doc(changeVisibilityDoc))).toEqual({
      receiptHandle: '8-BzvT93jFnzuz6zcJz0zhAzcUxr0B2GnZm',
      nextVisibleTime: 1642865262119,
    });
  });

  const ATTRIBUTES = {
    queueName: 'q1',
    createTime: 1250700999000,
    lastModifyTime: 1250700999000,
    delaySeconds: 0,
    maximumMessageSize: 65536,
    messageRetentionPeriodSeconds: 345600,
    visibilityTimeoutSeconds: 30,
    pollingWaitSeconds: 0,
    activeMessages: 3,
    inactiveMessages: 1,
    delayMessages: 0,
    loggingEnabled: false,
  };

  it('GetQueueAttributes converts times from s to ms and booleans case-insensitively', () => {
    expect(decodeQueueAttributes(doc(queueAttributesDoc))).toEqual(ATTRIBUTES);
    expect(decodeQueueAttributes(doc(queueAttributesDoc.replace('False', 'true'))).loggingEnabled).toBe(true);
  });

  it('ListQueue pages, last page, empty, with meta', () => {
    expect(decodeQueueList(doc(listQueuesDoc))).toEqual({
      queues: [
        { queueName: 'q1', queueUrl: 'http://1234567890123456.mns.cn-hangzhou.aliyuncs.com/queues/q1' },
        { queueName: 'q2', queueUrl: 'http://1234567890123456.mns.cn-hangzhou.aliyuncs.com/queues/q2' },
      ],
      nextMarker: 'cTI=',
    });
    expect(decodeQueueList(doc(listQueuesLastPageDoc))).toEqual({
      queues: [{ queueName: 'q3', queueUrl: 'http://127.0.0.1:9988/queues/q3' }],
      nextMarker: undefined,
    });
    expect(decodeQueueList(doc(listQueuesEmptyDoc))).toEqual({ queues: [], nextMarker: undefined });
    expect(decodeQueueList(doc(listQueuesWithMetaDoc)).queues[0]).toEqual({
      queueName: 'q1',
      queueUrl: 'http://127.0.0.1:9988/queues/q1',
      attributes: ATTRIBUTES,
    });
  });

  it.each(ERROR_CODES)('Error document %s', (code, message) => {
    expect(decodeErrorDocument(doc(errorDoc(code, message)))).toEqual({
      code,
      message: message.replaceAll('&quot;', '"'),
      requestId: '61EC20AC324430C923273326',
      hostId: 'http://1234567890123456.mns.cn-hangzhou.aliyuncs.com',
    });
  });

  it('a non-error document is not an error document', () => {
    expect(decodeErrorDocument(doc(sendMessageDoc))).toBeUndefined();
    expect(decodeErrorDocument(doc('<Error><Message>x</Message></Error>'))).toBeUndefined();
  });
});

describe('shape errors', () => {
  const CASES: Array<[string, () => unknown, RegExp]> = [
    [
      'wrong root',
      () =>
        decodeReceivedMessage(
          doc(sendMessageDoc.replace(/Message /, 'Messagx ').replace(/<\/Message>$/, '</Messagx>')),
        ),
      /expected a <Message> document, got <Messagx>/,
    ],
    [
      'missing field',
      () => decodeReceivedMessage(doc(receiveMessageDoc.replace(/<ReceiptHandle>.*<\/ReceiptHandle>/, ''))),
      /<Message> has no <ReceiptHandle>/,
    ],
    [
      'non-integer',
      () => decodeReceivedMessage(doc(receiveMessageDoc.replace('>1<', '>one<'))),
      /DequeueCount> is not an integer: "one"/,
    ],
    [
      'empty id',
      () =>
        decodeSendResult(doc('<Message><MessageId></MessageId><MessageBodyMD5>x</MessageBodyMD5></Message>')),
      /empty <MessageId>/,
    ],
    ['empty batch', () => decodeReceivedMessages(doc('<Messages></Messages>')), /holds no <Message>/],
    [
      'foreign record',
      () => decodeReceivedMessages(doc('<Messages><Queue><A>1</A></Queue></Messages>')),
      /unexpected <Queue>/,
    ],
    [
      'bad boolean',
      () => decodeQueueAttributes(doc(queueAttributesDoc.replace('False', 'maybe'))),
      /not a boolean/,
    ],
    [
      'bad queue URL',
      () => decodeQueueList(doc('<Queues><Queue><QueueURL>http://h/x</QueueURL></Queue></Queues>')),
      /not a queue URL/,
    ],
  ];
  it.each(CASES)('%s → ResponseShapeError', (_name, fn, message) => {
    expect(fn).toThrow(ResponseShapeError);
    expect(fn).toThrow(message);
  });
});

import type {
  BatchDeleteFailure,
  BatchSendResult,
  ChangeMessageVisibilityOutput,
  PeekedMessage,
  QueueAttributes,
  QueueSummary,
  ReceivedMessage,
} from '../model/operation-types.js';
import type { MnsDocument } from './scan-mns-document.js';

/**
 * Pure mapping of decoded MNS documents (docs/mns-protocol.md §4, §7) to camelCase results. Message bodies are returned as
 * stored (no base64 decoding, no MD5 check: the client does both). A document of the wrong shape throws
 * {@link ResponseShapeError}.
 */

/** A well-formed document that is not the shape the operation returns (wrong root, missing or bad field). */
export class ResponseShapeError extends Error {
  override readonly name = 'ResponseShapeError';
}

/** An MNS `<Error>` document. */
export interface MnsErrorDocument {
  readonly code: string;
  readonly message: string;
  readonly requestId: string | undefined;
  readonly hostId: string | undefined;
}

type Fields = Readonly<Record<string, string>>;

function expectRoot(doc: MnsDocument, root: string): void {
  if (doc.root !== root) throw new ResponseShapeError(`expected a <${root}> document, got <${doc.root}>`);
}

function text(fields: Fields, name: string, where: string): string {
  const v = fields[name];
  if (v === undefined) throw new ResponseShapeError(`<${where}> has no <${name}>`);
  return v;
}

function nonEmpty(fields: Fields, name: string, where: string): string {
  const v = text(fields, name, where);
  if (v === '') throw new ResponseShapeError(`<${where}> has an empty <${name}>`);
  return v;
}

const INTEGER = /^-?\d{1,16}$/;

function int(fields: Fields, name: string, where: string): number {
  const v = text(fields, name, where);
  if (!INTEGER.test(v))
    throw new ResponseShapeError(`<${where}><${name}> is not an integer: ${JSON.stringify(v.slice(0, 40))}`);
  return +v;
}

function bool(fields: Fields, name: string, where: string): boolean {
  const v = text(fields, name, where).toLowerCase();
  if (v !== 'true' && v !== 'false')
    throw new ResponseShapeError(`<${where}><${name}> is not a boolean: ${JSON.stringify(v.slice(0, 40))}`);
  return v === 'true';
}

/** The `<Error>` document of a failed request, or `undefined` if the document is something else. */
export function decodeErrorDocument(doc: MnsDocument): MnsErrorDocument | undefined {
  if (doc.root !== 'Error') return undefined;
  const code = doc.fields.Code;
  if (code === undefined || code === '') return undefined;
  return {
    code,
    message: doc.fields.Message ?? '',
    requestId: doc.fields.RequestId || undefined,
    hostId: doc.fields.HostId || undefined,
  };
}

function receivedFrom(f: Fields, where: string): ReceivedMessage {
  return {
    messageId: nonEmpty(f, 'MessageId', where),
    receiptHandle: nonEmpty(f, 'ReceiptHandle', where),
    messageBody: text(f, 'MessageBody', where),
    messageBodyMd5: nonEmpty(f, 'MessageBodyMD5', where),
    enqueueTime: int(f, 'EnqueueTime', where),
    firstDequeueTime: int(f, 'FirstDequeueTime', where),
    nextVisibleTime: int(f, 'NextVisibleTime', where),
    dequeueCount: int(f, 'DequeueCount', where),
    priority: int(f, 'Priority', where),
  };
}

function peekedFrom(f: Fields, where: string): PeekedMessage {
  return {
    messageId: nonEmpty(f, 'MessageId', where),
    messageBody: text(f, 'MessageBody', where),
    messageBodyMd5: nonEmpty(f, 'MessageBodyMD5', where),
    enqueueTime: int(f, 'EnqueueTime', where),
    firstDequeueTime: int(f, 'FirstDequeueTime', where),
    dequeueCount: int(f, 'DequeueCount', where),
    priority: int(f, 'Priority', where),
  };
}

function messageRecords(doc: MnsDocument): Array<Fields> {
  expectRoot(doc, 'Messages');
  const out: Fields[] = [];
  for (const r of doc.records) {
    if (r.name !== 'Message') throw new ResponseShapeError(`unexpected <${r.name}> in <Messages>`);
    out.push(r.fields);
  }
  if (doc.fields.Message !== undefined) throw new ResponseShapeError('empty <Message> in <Messages>');
  return out;
}

/** ReceiveMessage: a `<Message>` with all nine fields (docs/mns-protocol.md §4.8). */
export function decodeReceivedMessage(doc: MnsDocument): ReceivedMessage {
  expectRoot(doc, 'Message');
  return receivedFrom(doc.fields, 'Message');
}

/** BatchReceiveMessage: `<Messages>` of one or more received messages (docs/mns-protocol.md §4.9). */
export function decodeReceivedMessages(doc: MnsDocument): ReceivedMessage[] {
  const records = messageRecords(doc);
  if (records.length === 0) throw new ResponseShapeError('<Messages> holds no <Message>');
  return records.map((f, i) => receivedFrom(f, `Message #${i + 1}`));
}

/** PeekMessage: a `<Message>` with the seven peek fields (docs/mns-protocol.md §4.10). */
export function decodePeekedMessage(doc: MnsDocument): PeekedMessage {
  expectRoot(doc, 'Message');
  return peekedFrom(doc.fields, 'Message');
}

/** BatchPeekMessage: `<Messages>` of peeked messages. */
export function decodePeekedMessages(doc: MnsDocument): PeekedMessage[] {
  const records = messageRecords(doc);
  if (records.length === 0) throw new ResponseShapeError('<Messages> holds no <Message>');
  return records.map((f, i) => peekedFrom(f, `Message #${i + 1}`));
}

/** The result of SendMessage (docs/mns-protocol.md §4.6). */
export interface SendMessageResult {
  readonly messageId: string;
  readonly messageBodyMd5: string;
  readonly receiptHandle: string | undefined;
}

/** SendMessage: `<Message>` with `MessageId`, `MessageBodyMD5` and, for delayed messages, `ReceiptHandle`. */
export function decodeSendResult(doc: MnsDocument): SendMessageResult {
  expectRoot(doc, 'Message');
  return {
    messageId: nonEmpty(doc.fields, 'MessageId', 'Message'),
    messageBodyMd5: nonEmpty(doc.fields, 'MessageBodyMD5', 'Message'),
    receiptHandle: doc.fields.ReceiptHandle || undefined,
  };
}

/**
 * BatchSendMessage (201, or 500 on partial failure): `<Messages>` with one entry per sent message, in request
 * order, each {MessageId, MessageBodyMD5} or {ErrorCode, ErrorMessage} (docs/mns-protocol.md §4.7).
 */
export function decodeBatchSendResults(doc: MnsDocument, expected: number): BatchSendResult[] {
  const records = messageRecords(doc);
  if (records.length !== expected)
    throw new ResponseShapeError(`<Messages> holds ${records.length} entries for ${expected} messages sent`);
  return records.map((f, i): BatchSendResult => {
    const where = `Message #${i + 1}`;
    if (f.ErrorCode !== undefined) {
      return { ok: false, errorCode: nonEmpty(f, 'ErrorCode', where), errorMessage: f.ErrorMessage ?? '' };
    }
    return {
      ok: true,
      messageId: nonEmpty(f, 'MessageId', where),
      messageBodyMd5: nonEmpty(f, 'MessageBodyMD5', where),
    };
  });
}

/** BatchDeleteMessage partial failure (404): `<Errors>` listing only the handles that failed (docs/mns-protocol.md §4.12). */
export function decodeBatchDeleteErrors(doc: MnsDocument): BatchDeleteFailure[] {
  expectRoot(doc, 'Errors');
  if (doc.records.length === 0) throw new ResponseShapeError('<Errors> holds no <Error>');
  return doc.records.map((r, i) => {
    const where = `Error #${i + 1}`;
    if (r.name !== 'Error') throw new ResponseShapeError(`unexpected <${r.name}> in <Errors>`);
    return {
      receiptHandle: nonEmpty(r.fields, 'ReceiptHandle', where),
      errorCode: nonEmpty(r.fields, 'ErrorCode', where),
      errorMessage: r.fields.ErrorMessage ?? '',
    };
  });
}

/** ChangeMessageVisibility: `<ChangeVisibility>` with the new handle and `NextVisibleTime` (docs/mns-protocol.md §4.13). */
export function decodeChangeVisibility(doc: MnsDocument): ChangeMessageVisibilityOutput {
  expectRoot(doc, 'ChangeVisibility');
  return {
    receiptHandle: nonEmpty(doc.fields, 'ReceiptHandle', 'ChangeVisibility'),
    nextVisibleTime: int(doc.fields, 'NextVisibleTime', 'ChangeVisibility'),
  };
}

function attributesFrom(f: Fields, where: string): QueueAttributes {
  return {
    queueName: nonEmpty(f, 'QueueName', where),
    createTime: int(f, 'CreateTime', where) * 1000,
    lastModifyTime: int(f, 'LastModifyTime', where) * 1000,
    delaySeconds: int(f, 'DelaySeconds', where),
    maximumMessageSize: int(f, 'MaximumMessageSize', where),
    messageRetentionPeriodSeconds: int(f, 'MessageRetentionPeriod', where),
    visibilityTimeoutSeconds: int(f, 'VisibilityTimeout', where),
    pollingWaitSeconds: int(f, 'PollingWaitSeconds', where),
    activeMessages: int(f, 'ActiveMessages', where),
    inactiveMessages: int(f, 'InactiveMessages', where),
    delayMessages: int(f, 'DelayMessages', where),
    loggingEnabled: bool(f, 'LoggingEnabled', where),
  };
}

/** GetQueueAttributes: `<Queue>` with the twelve attributes (docs/mns-protocol.md §4.4); times converted from s to ms. */
export function decodeQueueAttributes(doc: MnsDocument): QueueAttributes {
  expectRoot(doc, 'Queue');
  return attributesFrom(doc.fields, 'Queue');
}

/** The queue name of an absolute queue URL (`…/queues/{name}`). */
function queueNameOfUrl(url: string, where: string): string {
  const at = url.lastIndexOf('/queues/');
  const name = at < 0 ? '' : url.slice(at + 8);
  if (name === '' || name.includes('/'))
    throw new ResponseShapeError(`<${where}><QueueURL> is not a queue URL`);
  return name;
}

/** One page of ListQueue: `<Queues>` of `<Queue>` records and an optional `NextMarker` (docs/mns-protocol.md §4.5). */
export function decodeQueueList(doc: MnsDocument): {
  queues: QueueSummary[];
  nextMarker: string | undefined;
} {
  expectRoot(doc, 'Queues');
  const queues = doc.records.map((r, i): QueueSummary => {
    const where = `Queue #${i + 1}`;
    if (r.name !== 'Queue') throw new ResponseShapeError(`unexpected <${r.name}> in <Queues>`);
    const queueUrl = nonEmpty(r.fields, 'QueueURL', where);
    const queueName = r.fields.QueueName || queueNameOfUrl(queueUrl, where);
    if (r.fields.CreateTime === undefined) return { queueName, queueUrl };
    return { queueName, queueUrl, attributes: attributesFrom({ ...r.fields, QueueName: queueName }, where) };
  });
  return { queues, nextMarker: doc.fields.NextMarker || undefined };
}

import { escapeXmlText } from '@vodmns/mns-transport/codec';

/**
 * Element text: `&`, `<`, `>` and `\r` (as `&#13;`, so a CR in a body survives the client's XML line-end
 * normalisation); quotes stay as they are, keeping JSON bodies on the fast path.
 */
const escapeXml = escapeXmlText;

/** Namespace of every response document (no trailing slash: Java's JAXB binding requires it, docs/mns-protocol.md §2.3). */
export const MNS_XMLNS = 'http://mns.aliyuncs.com/doc/v1';
const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const open = (root: string): string => `${HEAD}<${root} xmlns="${MNS_XMLNS}">`;

/** Fields of a message as rendered in receive/peek responses. */
export interface MessageView {
  readonly id: string;
  readonly bodyMd5: string;
  readonly body: string;
  readonly enqueueTime: number;
  readonly firstDequeueTime: number;
  readonly dequeueCount: number;
  readonly priority: number;
}

/** A received message: the message plus its new handle and visibility deadline. */
export interface ReceivedView {
  readonly message: MessageView;
  readonly receiptHandle: string;
  readonly nextVisibleTime: number;
}

/** Queue attributes as rendered by GetQueueAttributes / ListQueue with meta (all twelve elements). */
export interface QueueAttributesView {
  readonly name: string;
  readonly createTime: number;
  readonly lastModifyTime: number;
  readonly delaySeconds: number;
  readonly maximumMessageSize: number;
  readonly messageRetentionPeriod: number;
  readonly visibilityTimeout: number;
  readonly pollingWaitSeconds: number;
  readonly activeMessages: number;
  readonly inactiveMessages: number;
  readonly delayMessages: number;
  readonly loggingEnabled: boolean;
}

/** `<Error>` with all four children (docs/mns-protocol.md §7.1). */
export function errorXml(code: string, message: string, requestId: string, hostId: string): string {
  return (
    `${open('Error')}<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message>` +
    `<RequestId>${requestId}</RequestId><HostId>${escapeXml(hostId)}</HostId></Error>`
  );
}

function receivedFields(r: ReceivedView): string {
  const m = r.message;
  return (
    `<MessageId>${m.id}</MessageId><ReceiptHandle>${r.receiptHandle}</ReceiptHandle>` +
    `<MessageBodyMD5>${m.bodyMd5}</MessageBodyMD5><MessageBody>${escapeXml(m.body)}</MessageBody>` +
    `<EnqueueTime>${m.enqueueTime}</EnqueueTime><FirstDequeueTime>${m.firstDequeueTime}</FirstDequeueTime>` +
    `<NextVisibleTime>${r.nextVisibleTime}</NextVisibleTime><DequeueCount>${m.dequeueCount}</DequeueCount>` +
    `<Priority>${m.priority}</Priority>`
  );
}

function peekFields(m: MessageView): string {
  return (
    `<MessageId>${m.id}</MessageId><MessageBodyMD5>${m.bodyMd5}</MessageBodyMD5>` +
    `<MessageBody>${escapeXml(m.body)}</MessageBody><EnqueueTime>${m.enqueueTime}</EnqueueTime>` +
    `<FirstDequeueTime>${m.firstDequeueTime}</FirstDequeueTime><DequeueCount>${m.dequeueCount}</DequeueCount>` +
    `<Priority>${m.priority}</Priority>`
  );
}

/** ReceiveMessage: `<Message>` with all nine elements (docs/mns-protocol.md §4.8). */
export function receivedMessageXml(r: ReceivedView): string {
  return `${open('Message')}${receivedFields(r)}</Message>`;
}

/** BatchReceiveMessage: `<Messages>` of nine-element records. */
export function receivedMessagesXml(list: readonly ReceivedView[]): string {
  let out = open('Messages');
  for (const r of list) out += `<Message>${receivedFields(r)}</Message>`;
  return `${out}</Messages>`;
}

/** PeekMessage: `<Message>` with the seven peek elements (docs/mns-protocol.md §4.10). */
export function peekedMessageXml(m: MessageView): string {
  return `${open('Message')}${peekFields(m)}</Message>`;
}

/** BatchPeekMessage. */
export function peekedMessagesXml(list: readonly MessageView[]): string {
  let out = open('Messages');
  for (const m of list) out += `<Message>${peekFields(m)}</Message>`;
  return `${out}</Messages>`;
}

/** SendMessage 201: id and MD5, plus the send-time handle of a delayed message (docs/mns-protocol.md §4.6). */
export function sentMessageXml(id: string, bodyMd5: string, receiptHandle: string | undefined): string {
  const handle = receiptHandle === undefined ? '' : `<ReceiptHandle>${receiptHandle}</ReceiptHandle>`;
  return `${open('Message')}<MessageId>${id}</MessageId><MessageBodyMD5>${bodyMd5}</MessageBodyMD5>${handle}</Message>`;
}

/** One BatchSendMessage entry: exactly {MessageId, MessageBodyMD5} or {ErrorCode, ErrorMessage} (docs/mns-protocol.md §4.7). */
export type BatchSendEntryView =
  | { readonly ok: true; readonly id: string; readonly bodyMd5: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** BatchSendMessage 201 / 500 body. */
export function batchSentXml(entries: readonly BatchSendEntryView[]): string {
  let out = open('Messages');
  for (const e of entries) {
    out += e.ok
      ? `<Message><MessageId>${e.id}</MessageId><MessageBodyMD5>${e.bodyMd5}</MessageBodyMD5></Message>`
      : `<Message><ErrorCode>${escapeXml(e.code)}</ErrorCode><ErrorMessage>${escapeXml(e.message)}</ErrorMessage></Message>`;
  }
  return `${out}</Messages>`;
}

/** One failed handle of a BatchDeleteMessage. */
export interface BatchDeleteErrorView {
  readonly code: string;
  readonly message: string;
  readonly receiptHandle: string;
}

/** BatchDeleteMessage 404 partial-failure body: exactly {ErrorCode, ErrorMessage, ReceiptHandle} each. */
export function batchDeleteErrorsXml(errors: readonly BatchDeleteErrorView[]): string {
  let out = open('Errors');
  for (const e of errors) {
    out +=
      `<Error><ErrorCode>${escapeXml(e.code)}</ErrorCode><ErrorMessage>${escapeXml(e.message)}</ErrorMessage>` +
      `<ReceiptHandle>${escapeXml(e.receiptHandle)}</ReceiptHandle></Error>`;
  }
  return `${out}</Errors>`;
}

/** ChangeMessageVisibility 200. */
export function changeVisibilityXml(receiptHandle: string, nextVisibleTime: number): string {
  return (
    `${open('ChangeVisibility')}<ReceiptHandle>${receiptHandle}</ReceiptHandle>` +
    `<NextVisibleTime>${nextVisibleTime}</NextVisibleTime></ChangeVisibility>`
  );
}

function queueFields(q: QueueAttributesView): string {
  return (
    `<QueueName>${q.name}</QueueName><CreateTime>${q.createTime}</CreateTime>` +
    `<LastModifyTime>${q.lastModifyTime}</LastModifyTime><DelaySeconds>${q.delaySeconds}</DelaySeconds>` +
    `<MaximumMessageSize>${q.maximumMessageSize}</MaximumMessageSize>` +
    `<MessageRetentionPeriod>${q.messageRetentionPeriod}</MessageRetentionPeriod>` +
    `<VisibilityTimeout>${q.visibilityTimeout}</VisibilityTimeout>` +
    `<PollingWaitSeconds>${q.pollingWaitSeconds}</PollingWaitSeconds>` +
    `<ActiveMessages>${q.activeMessages}</ActiveMessages><InactiveMessages>${q.inactiveMessages}</InactiveMessages>` +
    `<DelayMessages>${q.delayMessages}</DelayMessages>` +
    `<LoggingEnabled>${q.loggingEnabled ? 'True' : 'False'}</LoggingEnabled>`
  );
}

/** GetQueueAttributes 200: all twelve elements (docs/mns-protocol.md §4.4). */
export function queueAttributesXml(q: QueueAttributesView): string {
  return `${open('Queue')}${queueFields(q)}</Queue>`;
}

/** ListQueue 200: root `Queues`; `NextMarker` only when there are more results (docs/mns-protocol.md §4.5). */
export function queueListXml(
  baseUrl: string,
  queues: readonly QueueAttributesView[],
  withMeta: boolean,
  nextMarker: string | undefined,
): string {
  let out = open('Queues');
  for (const q of queues) {
    out += `<Queue><QueueURL>${escapeXml(`${baseUrl}/queues/${q.name}`)}</QueueURL>${withMeta ? queueFields(q) : ''}</Queue>`;
  }
  if (nextMarker !== undefined && nextMarker !== '') out += `<NextMarker>${nextMarker}</NextMarker>`;
  return `${out}</Queues>`;
}

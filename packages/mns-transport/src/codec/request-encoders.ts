import type { QueueAttributesInput } from '../model/operation-types.js';
import { escapeXmlText } from './xml.js';

/**
 * Request bodies exactly in the shapes of docs/mns-protocol.md §4 (UTF-8, the documented `…/doc/v1/` namespace on the root,
 * no prefixes, no empty elements). Inputs are already validated by the client; bodies are passed as the wire text
 * (already base64-encoded when chosen) and XML-escaped here.
 */

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const NS = 'xmlns="http://mns.aliyuncs.com/doc/v1/"';

/** A message as it goes on the wire. */
export interface WireMessage {
  /** Body text as stored by the service (after the client's body encoding). */
  readonly body: string;
  readonly delaySeconds?: number | undefined;
  readonly priority?: number | undefined;
}

function messageFields(m: WireMessage): string {
  let out = `<MessageBody>${escapeXmlText(m.body)}</MessageBody>`;
  if (m.delaySeconds !== undefined) out += `<DelaySeconds>${m.delaySeconds}</DelaySeconds>`;
  if (m.priority !== undefined) out += `<Priority>${m.priority}</Priority>`;
  return out;
}

/** SendMessage body: `<Message>` with `MessageBody` and the optional `DelaySeconds`, `Priority`. */
export function encodeMessage(message: WireMessage): string {
  return `${DECLARATION}<Message ${NS}>${messageFields(message)}</Message>`;
}

/** BatchSendMessage body: `<Messages>` of `<Message>` entries in order. */
export function encodeMessages(messages: readonly WireMessage[]): string {
  let out = `${DECLARATION}<Messages ${NS}>`;
  for (const m of messages) out += `<Message>${messageFields(m)}</Message>`;
  return `${out}</Messages>`;
}

/** BatchDeleteMessage body: `<ReceiptHandles>` of `<ReceiptHandle>`. */
export function encodeReceiptHandles(receiptHandles: readonly string[]): string {
  let out = `${DECLARATION}<ReceiptHandles ${NS}>`;
  for (const h of receiptHandles) out += `<ReceiptHandle>${escapeXmlText(h)}</ReceiptHandle>`;
  return `${out}</ReceiptHandles>`;
}

/** CreateQueue / SetQueueAttributes body: `<Queue>` with the given attributes only (may be empty). */
export function encodeQueueAttributes(attributes: QueueAttributesInput | undefined): string {
  let out = `${DECLARATION}<Queue ${NS}>`;
  const a = attributes ?? {};
  if (a.delaySeconds !== undefined) out += `<DelaySeconds>${a.delaySeconds}</DelaySeconds>`;
  if (a.maximumMessageSize !== undefined)
    out += `<MaximumMessageSize>${a.maximumMessageSize}</MaximumMessageSize>`;
  if (a.messageRetentionPeriodSeconds !== undefined)
    out += `<MessageRetentionPeriod>${a.messageRetentionPeriodSeconds}</MessageRetentionPeriod>`;
  if (a.visibilityTimeoutSeconds !== undefined)
    out += `<VisibilityTimeout>${a.visibilityTimeoutSeconds}</VisibilityTimeout>`;
  if (a.pollingWaitSeconds !== undefined)
    out += `<PollingWaitSeconds>${a.pollingWaitSeconds}</PollingWaitSeconds>`;
  if (a.loggingEnabled !== undefined)
    out += `<LoggingEnabled>${a.loggingEnabled ? 'True' : 'False'}</LoggingEnabled>`;
  return `${out}</Queue>`;
}

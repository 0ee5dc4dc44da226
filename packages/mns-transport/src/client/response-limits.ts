import { MNS_LIMITS } from '@vodmns/core';

/** The largest message body MNS stores (core's `MNS_LIMITS`). */
const MAX_BODY_BYTES = MNS_LIMITS.maximumMessageSizeBytes.max;

/**
 * How large a response each operation may legitimately get, bytes. A response over its operation's limit is not
 * read further (`ERR_MNS_RESPONSE_TOO_LARGE`), so a broken or hostile server cannot make the client buffer an
 * endless or gigantic body. The limits are generous: they follow from the protocol's own bounds, not from
 * typical sizes.
 */
export const RESPONSE_LIMITS = Object.freeze({
  /**
   * A response without messages or queue lists (attributes, send and visibility results, batch results, any
   * `<Error>`): these are a few hundred bytes.
   */
  documentBytes: 64 * 1024,
  /**
   * Per message of a receive or peek: a maximum-size (64 KiB) body, XML-escaped (at most 6 bytes per byte,
   * `"` → `&quot;`), plus its fields (ids, receipt handle, MD5, times) and their tags.
   */
  messageBytes: 6 * MAX_BODY_BYTES + 4096,
  /** Per queue of a ListQueue page (URL, name, and with `withMeta` every attribute). */
  queueBytes: 4096,
  /** The envelope around messages or queues (declaration, root element, `NextMarker`). */
  envelopeBytes: 4096,
});

/** The limit for a receive/peek of up to `messages` messages. */
export function messagesResponseLimit(messages: number): number {
  return RESPONSE_LIMITS.envelopeBytes + messages * RESPONSE_LIMITS.messageBytes;
}

/** The limit for a ListQueue page of up to `queues` queues. */
export function queueListResponseLimit(queues: number): number {
  return RESPONSE_LIMITS.envelopeBytes + queues * RESPONSE_LIMITS.queueBytes;
}

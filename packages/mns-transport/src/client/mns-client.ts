import { inspect } from 'node:util';
import {
  backoffDelayMs,
  classifyMnsError,
  invalidArgument,
  isMnsError,
  MNS_LIMITS,
  MnsAbortError,
  MnsDecodeError,
  type MnsError,
  MnsErrorCodes,
  MnsNetworkError,
  MnsServiceError,
  MnsTimeoutError,
  redactSecrets,
  retryBackoffOptions,
  shouldRetry,
  sleep,
  systemClock,
} from '@vodmns/core';
import { decodeMnsDocument } from '../codec/decode-mns-document.js';
import {
  encodeMessage,
  encodeMessages,
  encodeQueueAttributes,
  encodeReceiptHandles,
  type WireMessage,
} from '../codec/request-encoders.js';
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
} from '../codec/response-decoders.js';
import type { MnsDocument } from '../codec/scan-mns-document.js';
import type { CredentialProvider, MnsCredentials } from '../credentials/mns-credentials.js';
import {
  closeDispatcher,
  createPool,
  type Dispatcher,
  HttpFailure,
  type HttpResponse,
  sendHttpRequest,
} from '../http/undici-http.js';
import type {
  BatchDeleteMessageInput,
  BatchDeleteMessageOutput,
  BatchPeekMessageInput,
  BatchPeekMessageOutput,
  BatchReceiveMessageInput,
  BatchReceiveMessageOutput,
  BatchSendFailure,
  BatchSendMessageInput,
  BatchSendMessageOutput,
  ChangeMessageVisibilityInput,
  ChangeMessageVisibilityOutput,
  CreateQueueInput,
  CreateQueueOutput,
  DeleteMessageInput,
  DeleteQueueInput,
  GetQueueAttributesInput,
  GetQueueAttributesOutput,
  ListQueuesInput,
  ListQueuesOutput,
  PeekedMessage,
  PeekMessageInput,
  PeekMessageOutput,
  QueueAttributesInput,
  ReceiveBodyEncoding,
  ReceivedMessage,
  ReceiveMessageInput,
  ReceiveMessageOutput,
  SendBodyEncoding,
  SendMessageInput,
  SendMessageOutput,
  SetQueueAttributesInput,
} from '../model/operation-types.js';
import { messageBodyMd5 } from '../signing/content-md5.js';
import {
  type MnsClientOptions,
  type ResolvedMnsClientOptions,
  resolveMnsClientOptions,
} from './client-options.js';
import { installDebugLog } from './debug-log.js';
import { requestChannel, responseChannel, retryChannel } from './diagnostics.js';
import { decodeMessageBody, encodeMessageBody } from './message-body.js';
import { RequestSigner } from './request-signer.js';
import { messagesResponseLimit, queueListResponseLimit, RESPONSE_LIMITS } from './response-limits.js';
import {
  checkBatch,
  checkBodySize,
  checkBodyText,
  checkBoolean,
  checkInput,
  checkInt,
  checkOneOf,
  checkOptionalInt,
  checkQueueName,
  checkReceiptHandle,
  checkXmlCharacters,
} from './validate-input.js';

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** One operation as the request loop sees it. */
interface Call {
  readonly action: string;
  readonly method: Method;
  /** Path without query: the `operation` of errors and diagnostics. */
  readonly path: string;
  /** `''` or `?…`, already encoded. */
  readonly query: string;
  readonly body: string | undefined;
  readonly extraMnsHeaders?: readonly (readonly [string, string])[] | undefined;
  /** Repeating it cannot duplicate a side effect (see core's `shouldRetry`). */
  readonly idempotent: boolean;
  /** The attempt's whole-response deadline, ms. */
  readonly timeoutMs: number;
  /** Why the deadline is what it is, for the timeout error (e.g. the long-poll wait). */
  readonly deadlineNote?: string | undefined;
  /** Largest response body accepted, bytes. @defaultValue RESPONSE_LIMITS.documentBytes */
  readonly maxResponseBytes?: number | undefined;
  readonly signal: AbortSignal | undefined;
}

/** The attempt a response belongs to: errors built from it carry both (`MnsError.attempts` is set at construction). */
interface Attempt {
  /** `METHOD /path`. */
  readonly operation: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

/** What a response handler decided: a value, or a failure (retried or thrown by the loop). */
type Handler<T> = (res: HttpResponse, op: Attempt) => T;

const SEND_ENCODINGS = ['raw', 'base64'] as const;
const RECEIVE_ENCODINGS = ['auto', 'raw', 'base64'] as const;
const EMPTY = Object.freeze([]) as readonly never[];
// Queue-name prefixes and list markers: the characters of a queue name / of an opaque token.
const PREFIX_PATTERN = new RegExp(`^[A-Za-z0-9-]{1,${MNS_LIMITS.queueNameLength.max}}$`);
const MARKER_PATTERN = /^[\x21-\x7E]{1,1024}$/;

/**
 * A client for the MNS queue API (docs/mns-protocol.md §4): every queue operation, named 1:1, typed in and out, signed (V1 or
 * V4), over a keep-alive undici pool, with per-attempt timeouts, cancellation, retries with full-jitter backoff
 * and typed errors. Satisfies `@vodmns/core`'s `QueuePort`.
 *
 * @example
 * ```ts
 * await using client = new MnsClient({ endpoint: 'http://127.0.0.1:9988', credentials: { accessKeyId, accessKeySecret } });
 * await client.sendMessage({ queueName: 'vod-events', messageBody: '{"EventType":"FileUploadComplete"}' });
 * const messages = await client.batchReceiveMessage({ queueName: 'vod-events', numOfMessages: 16, waitSeconds: 10 });
 * await client.batchDeleteMessage({ queueName: 'vod-events', receiptHandles: messages.map((m) => m.receiptHandle) });
 * ```
 */
export class MnsClient {
  /** The origin requests go to, `protocol://host[:port]`. */
  readonly endpoint: string;
  /** The region (from options or the endpoint), if known. */
  readonly region: string | undefined;
  /** `v1` or `v4`. */
  readonly signatureVersion: 'v1' | 'v4';

  readonly #options: ResolvedMnsClientOptions;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #signer: RequestSigner;
  readonly #fixedCredentials: MnsCredentials | undefined;
  readonly #provider: CredentialProvider | undefined;
  #closed = false;

  /** @throws MnsConfigError for invalid options (named field and value) or missing credentials. */
  constructor(options: MnsClientOptions) {
    const o = resolveMnsClientOptions(options);
    installDebugLog();
    this.#options = o;
    this.endpoint = o.origin;
    this.region = o.region;
    this.signatureVersion = o.signatureVersion;
    this.#fixedCredentials = 'fixed' in o.credentials ? o.credentials.fixed : undefined;
    this.#provider = 'provider' in o.credentials ? o.credentials.provider : undefined;
    this.#signer = new RequestSigner(o.signatureVersion, o.region, o.now);
    this.#ownsDispatcher = o.dispatcher === undefined;
    this.#dispatcher =
      o.dispatcher ??
      createPool(o.origin, {
        connections: o.connections,
        keepAliveTimeoutMs: o.keepAliveTimeoutMs,
        connectTimeoutMs: o.connectTimeoutMs,
      });
  }

  // ---------------------------------------------------------------- queues

  /** CreateQueue (`PUT /queues/{q}`): 201 creates; 204 means it exists with identical attributes. */
  async createQueue(input: CreateQueueInput): Promise<CreateQueueOutput> {
    const action = 'createQueue';
    checkInput(action, input);
    checkQueueName(action, input.queueName);
    checkAttributes(action, input.attributes);
    return this.#execute(
      {
        action,
        method: 'PUT',
        path: `/queues/${input.queueName}`,
        query: '',
        body: encodeQueueAttributes(input.attributes),
        idempotent: true,
        timeoutMs: this.#options.timeoutMs,
        signal: input.signal,
      },
      (res, op) => {
        if (res.status !== 201 && res.status !== 204) throw this.#failure(res, op);
        return {
          queueUrl: res.location ?? `${this.endpoint}/queues/${input.queueName}`,
          created: res.status === 201,
        };
      },
    );
  }

  /** DeleteQueue (`DELETE /queues/{q}`), 204. Deletes the queue and its messages. */
  async deleteQueue(input: DeleteQueueInput): Promise<void> {
    const action = 'deleteQueue';
    checkInput(action, input);
    checkQueueName(action, input.queueName);
    return this.#execute(
      this.#simple(action, 'DELETE', `/queues/${input.queueName}`, input.signal),
      (res, op) => this.#expectNoContent(res, op),
    );
  }

  /** GetQueueAttributes (`GET /queues/{q}`). Times are ms. */
  async getQueueAttributes(input: GetQueueAttributesInput): Promise<GetQueueAttributesOutput> {
    const action = 'getQueueAttributes';
    checkInput(action, input);
    checkQueueName(action, input.queueName);
    return this.#execute(this.#simple(action, 'GET', `/queues/${input.queueName}`, input.signal), (res, op) =>
      decodeQueueAttributes(this.#document(res, op, 200)),
    );
  }

  /** SetQueueAttributes (`PUT /queues/{q}?metaoverride=true`), 204; changes only the attributes given. */
  async setQueueAttributes(input: SetQueueAttributesInput): Promise<void> {
    const action = 'setQueueAttributes';
    checkInput(action, input);
    checkQueueName(action, input.queueName);
    if (typeof input.attributes !== 'object' || input.attributes === null)
      throw invalidArgument('attributes', input.attributes, 'an object', { operation: action });
    checkAttributes(action, input.attributes);
    return this.#execute(
      {
        action,
        method: 'PUT',
        path: `/queues/${input.queueName}`,
        query: '?metaoverride=true',
        body: encodeQueueAttributes(input.attributes),
        idempotent: true,
        timeoutMs: this.#options.timeoutMs,
        signal: input.signal,
      },
      (res, op) => this.#expectNoContent(res, op),
    );
  }

  /** ListQueue (`GET /queues`): one page. Pass `nextMarker` back as `marker` for the next. */
  async listQueues(input: ListQueuesInput = {}): Promise<ListQueuesOutput> {
    const action = 'listQueues';
    checkInput(action, input);
    const headers: Array<readonly [string, string]> = [];
    if (input.prefix !== undefined) {
      if (typeof input.prefix !== 'string' || (input.prefix !== '' && !PREFIX_PATTERN.test(input.prefix)))
        throw invalidArgument('prefix', input.prefix, 'letters, digits or hyphens (a queue name prefix)', {
          operation: action,
        });
      if (input.prefix !== '') headers.push(['x-mns-prefix', input.prefix]);
    }
    if (input.marker !== undefined) {
      if (typeof input.marker !== 'string' || !MARKER_PATTERN.test(input.marker))
        throw invalidArgument('marker', input.marker, 'a nextMarker returned by listQueues', {
          operation: action,
        });
      headers.push(['x-mns-marker', input.marker]);
    }
    checkOptionalInt(action, 'pageSize', input.pageSize, MNS_LIMITS.listQueuesPageSize);
    if (input.pageSize !== undefined) headers.push(['x-mns-ret-number', String(input.pageSize)]);
    checkBoolean(action, 'withMeta', input.withMeta);
    if (input.withMeta === true) headers.push(['x-mns-with-meta', 'true']);
    return this.#execute(
      {
        ...this.#simple(action, 'GET', '/queues', input.signal),
        extraMnsHeaders: headers,
        maxResponseBytes: queueListResponseLimit(input.pageSize ?? MNS_LIMITS.listQueuesPageSize.max),
      },
      (res, op) => {
        const page = decodeQueueList(this.#document(res, op, 200));
        return page.nextMarker === undefined ? { queues: page.queues } : page;
      },
    );
  }

  /**
   * Every page of ListQueue, following `nextMarker` until the last page. Breaking out of the loop stops it.
   *
   * @example
   * ```ts
   * for await (const page of client.iterateQueuePages({ prefix: 'vod-' })) console.log(page.queues.map((q) => q.queueName));
   * ```
   */
  async *iterateQueuePages(
    input: Omit<ListQueuesInput, 'marker'> = {},
  ): AsyncGenerator<ListQueuesOutput, void> {
    let marker: string | undefined;
    do {
      const page = await this.listQueues({ ...input, ...(marker === undefined ? {} : { marker }) });
      yield page;
      marker = page.nextMarker;
    } while (marker !== undefined);
  }

  // ---------------------------------------------------------------- send

  /**
   * SendMessage (`POST /queues/{q}/messages`), 201. The returned `MessageBodyMD5` is checked against the body
   * sent (`ERR_MNS_BODY_MD5_MISMATCH`).
   *
   * **Not idempotent — duplicates are possible.** A send is retried only when the failure proves the request never
   * reached the service (connection refused, throttling). After an ambiguous failure (timeout, connection reset,
   * 5xx) it is *not* retried and the error is thrown, yet the service may have enqueued the message; if the caller
   * then sends again, the queue holds it twice. Consumers must therefore tolerate duplicates, e.g. by
   * deduplicating on a business key in the body (for VOD events: `EventType` + `VideoId` + `EventTime`).
   */
  async sendMessage(input: SendMessageInput): Promise<SendMessageOutput> {
    const action = 'sendMessage';
    checkInput(action, input);
    checkQueueName(action, input.queueName);
    const encoding = this.#sendEncoding(action, input.bodyEncoding);
    const wire = this.#wireMessage(action, 'messageBody', input, encoding);
    return this.#execute(
      {
        action,
        method: 'POST',
        path: `/queues/${input.queueName}/messages`,
        query: '',
        body: encodeMessage(wire),
        idempotent: false,
        timeoutMs: this.#options.timeoutMs,
        signal: input.signal,
      },
      (res, op) => {
        const sent = decodeSendResult(this.#document(res, op, 201));
        this.#checkMd5(wire.body, sent.messageBodyMd5, res, op, 'messageBody');
        return sent.receiptHandle === undefined
          ? { messageId: sent.messageId, messageBodyMd5: sent.messageBodyMd5 }
          : sent;
      },
    );
  }

  /**
   * BatchSendMessage (`POST /queues/{q}/messages` with `<Messages>`): 1–16 messages. A partial failure (HTTP 500
   * with per-entry errors) resolves, with the failed entries in `failed` (the others were enqueued). Not
   * idempotent: see {@link MnsClient.sendMessage} about duplicates.
   */
  async batchSendMessage(input: BatchSendMessageInput): Promise<BatchSendMessageOutput> {
    const action = 'batchSendMessage';
    checkInput(action, input);
    checkQueueName(action, input.queueName);
    checkBatch(action, 'entries', input.entries);
    const encoding = this.#sendEncoding(action, input.bodyEncoding);
    let total = 0;
    const wires = input.entries.map((entry, i) => {
      if (typeof entry !== 'object' || entry === null)
        throw invalidArgument(`entries[${i}]`, entry, 'an object', { operation: action });
      const wire = this.#wireMessage(action, `entries[${i}].messageBody`, entry, encoding);
      total += Buffer.byteLength(wire.body, 'utf8');
      return wire;
    });
    checkBodySize(action, 'the sum of entries[].messageBody', total);
    return this.#execute(
      {
        action,
        method: 'POST',
        path: `/queues/${input.queueName}/messages`,
        query: '',
        body: encodeMessages(wires),
        idempotent: false,
        timeoutMs: this.#options.timeoutMs,
        signal: input.signal,
      },
      (res, op) => {
        if (res.status !== 201 && res.status !== 500) throw this.#failure(res, op);
        const doc = this.#document(res, op, res.status);
        if (res.status === 500 && doc.root !== 'Messages') throw this.#failure(res, op);
        const results = decodeBatchSendResults(doc, wires.length);
        const failed: BatchSendFailure[] = [];
        results.forEach((r, index) => {
          if (r.ok)
            this.#checkMd5(wires[index]!.body, r.messageBodyMd5, res, op, `entries[${index}].messageBody`);
          else failed.push({ index, errorCode: r.errorCode, errorMessage: r.errorMessage });
        });
        return { results, failed };
      },
    );
  }

  // ---------------------------------------------------------------- receive

  /**
   * ReceiveMessage (`GET /queues/{q}/messages[?waitseconds=W]`): one message, or `undefined` when none arrived
   * within the wait (404 `MessageNotExist` is "no message", not an error).
   */
  async receiveMessage(input: ReceiveMessageInput): Promise<ReceiveMessageOutput> {
    const action = 'receiveMessage';
    checkInput(action, input);
    checkQueueName(action, input.queueName);
    checkOptionalInt(action, 'waitSeconds', input.waitSeconds, MNS_LIMITS.pollingWaitSeconds);
    const decoding = this.#receiveEncoding(action, input.bodyEncoding);
    const query = input.waitSeconds === undefined ? '' : `?waitseconds=${input.waitSeconds}`;
    return this.#execute(
      this.#receiveCall(action, input.queueName, query, input.waitSeconds, 1, input.signal),
      (res, op) => {
        if (this.#isNoMessage(res)) return undefined;
        const m = decodeReceivedMessage(this.#document(res, op, 200));
        return this.#decodeBody(m, decoding, res, op);
      },
    );
  }

  /**
   * BatchReceiveMessage (`GET /queues/{q}/messages?numOfMessages=N[&waitseconds=W]`): up to N (1–16) messages;
   * `[]` when none arrived within the wait. Returns what is available; does not wait to fill N.
   */
  async batchReceiveMessage(input: BatchReceiveMessageInput): Promise<BatchReceiveMessageOutput> {
    const action = 'batchReceiveMessage';
    checkInput(action, input);
    checkQueueName(action, input.queueName);
    checkInt(action, 'numOfMessages', input.numOfMessages, MNS_LIMITS.batchSize);
    checkOptionalInt(action, 'waitSeconds', input.waitSeconds, MNS_LIMITS.pollingWaitSeconds);
    const decoding = this.#receiveEncoding(action, input.bodyEncoding);
    const query =
      input.waitSeconds === undefined
        ? `?numOfMessages=${input.numOfMessages}`
        : `?numOfMessages=${input.numOfMessages}&waitseconds=${input.waitSeconds}`;
    return this.#execute(
      this.#receiveCall(action, input.queueName, query, input.waitSeconds, input.numOfMessages, input.signal),
      (res, op) => {
        if (this.#isNoMessage(res)) return EMPTY;
        const messages = decodeReceivedMessages(this.#document(res, op, 200));
        this.#checkCount(messages.length, input.numOfMessages, res, op.operation);
        for (let i = 0; i < messages.length; i++)
          messages[i] = this.#decodeBody(messages[i]!, decoding, res, op);
        return messages;
      },
    );
  }

  /** PeekMessage (`GET /queues/{q}/messages?peekonly=true`): the next active message without receiving it. */
  async peekMessage(input: PeekMessageInput): Promise<PeekMessageOutput> {
    const action = 'peekMessage';
    checkInput(action, input);
    checkQueueName(action, input.queueName);
    const decoding = this.#receiveEncoding(action, input.bodyEncoding);
    return this.#execute(
      {
        ...this.#simple(action, 'GET', `/queues/${input.queueName}/messages`, input.signal),
        query: '?peekonly=true',
        maxResponseBytes: messagesResponseLimit(1),
      },
      (res, op) => {
        if (this.#isNoMessage(res)) return undefined;
        return this.#decodeBody(decodePeekedMessage(this.#document(res, op, 200)), decoding, res, op);
      },
    );
  }

  /** BatchPeekMessage (`GET /queues/{q}/messages?peekonly=true&numOfMessages=N`): up to N (1–16); `[]` if none. */
  async batchPeekMessage(input: BatchPeekMessageInput): Promise<BatchPeekMessageOutput> {
    const action = 'batchPeekMessage';
    checkInput(action, input);
    checkQueueName(action, input.queueName);
    checkInt(action, 'numOfMessages', input.numOfMessages, MNS_LIMITS.batchSize);
    const decoding = this.#receiveEncoding(action, input.bodyEncoding);
    return this.#execute(
      {
        ...this.#simple(action, 'GET', `/queues/${input.queueName}/messages`, input.signal),
        query: `?peekonly=true&numOfMessages=${input.numOfMessages}`,
        maxResponseBytes: messagesResponseLimit(input.numOfMessages),
      },
      (res, op) => {
        if (this.#isNoMessage(res)) return EMPTY;
        const messages = decodePeekedMessages(this.#document(res, op, 200));
        this.#checkCount(messages.length, input.numOfMessages, res, op.operation);
        for (let i = 0; i < messages.length; i++)
          messages[i] = this.#decodeBody(messages[i]!, decoding, res, op);
        return messages;
      },
    );
  }

  // ---------------------------------------------------------------- acknowledge

  /**
   * DeleteMessage (`DELETE /queues/{q}/messages?ReceiptHandle=H`), 204. A stale handle (the visibility timeout
   * passed, or a newer receive/visibility change superseded it) fails with `MessageNotExist`.
   */
  async deleteMessage(input: DeleteMessageInput): Promise<void> {
    const action = 'deleteMessage';
    checkInput(action, input);
    checkQueueName(action, input.queueName);
    checkReceiptHandle(action, 'receiptHandle', input.receiptHandle);
    return this.#execute(
      {
        ...this.#simple(action, 'DELETE', `/queues/${input.queueName}/messages`, input.signal),
        query: `?ReceiptHandle=${encodeURIComponent(input.receiptHandle)}`,
      },
      (res, op) => this.#expectNoContent(res, op),
    );
  }

  /**
   * BatchDeleteMessage (`DELETE /queues/{q}/messages` with `<ReceiptHandles>`): 1–16 handles. Handles that could
   * not be deleted (HTTP 404 with `<Errors>`) are listed in `failed`; the others were deleted.
   */
  async batchDeleteMessage(input: BatchDeleteMessageInput): Promise<BatchDeleteMessageOutput> {
    const action = 'batchDeleteMessage';
    checkInput(action, input);
    checkQueueName(action, input.queueName);
    checkBatch(action, 'receiptHandles', input.receiptHandles);
    input.receiptHandles.forEach((h, i) => {
      checkReceiptHandle(action, `receiptHandles[${i}]`, h);
    });
    return this.#execute(
      {
        action,
        method: 'DELETE',
        path: `/queues/${input.queueName}/messages`,
        query: '',
        body: encodeReceiptHandles(input.receiptHandles),
        idempotent: true,
        timeoutMs: this.#options.timeoutMs,
        signal: input.signal,
      },
      (res, op) => {
        if (res.status === 204) return { failed: EMPTY };
        if (res.status === 404) {
          const doc = this.#document(res, op, 404);
          if (doc.root === 'Errors') return { failed: decodeBatchDeleteErrors(doc) };
        }
        throw this.#failure(res, op);
      },
    );
  }

  /**
   * ChangeMessageVisibility (`PUT /queues/{q}/messages?ReceiptHandle=H&VisibilityTimeout=T`): the message stays
   * invisible for T (`MNS_LIMITS.visibilityTimeoutSeconds`) s from now. Returns the **new** receipt handle; the old one stops working. Not
   * retried after ambiguous failures (a retry would present the superseded handle).
   */
  async changeMessageVisibility(input: ChangeMessageVisibilityInput): Promise<ChangeMessageVisibilityOutput> {
    const action = 'changeMessageVisibility';
    checkInput(action, input);
    checkQueueName(action, input.queueName);
    checkReceiptHandle(action, 'receiptHandle', input.receiptHandle);
    checkInt(
      action,
      'visibilityTimeoutSeconds',
      input.visibilityTimeoutSeconds,
      MNS_LIMITS.visibilityTimeoutSeconds,
    );
    return this.#execute(
      {
        ...this.#simple(action, 'PUT', `/queues/${input.queueName}/messages`, input.signal),
        query: `?ReceiptHandle=${encodeURIComponent(input.receiptHandle)}&VisibilityTimeout=${input.visibilityTimeoutSeconds}`,
        idempotent: false,
      },
      (res, op) => decodeChangeVisibility(this.#document(res, op, 200)),
    );
  }

  // ---------------------------------------------------------------- lifecycle

  /** Closes the connection pool the client created (waits for requests in flight). Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsDispatcher) await closeDispatcher(this.#dispatcher);
  }

  /** `await using client = new MnsClient(…)` closes it. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** Secret-free description (no credentials, ever). */
  toJSON(): Record<string, unknown> {
    return {
      endpoint: this.endpoint,
      region: this.region,
      signatureVersion: this.signatureVersion,
      credentials: this.#fixedCredentials === undefined ? 'provider' : 'static',
      timeoutMs: this.#options.timeoutMs,
      maxAttempts: this.#options.retry.maxAttempts,
    };
  }

  [inspect.custom](): string {
    return `MnsClient ${inspect(this.toJSON())}`;
  }

  // ---------------------------------------------------------------- internals

  #simple(action: string, method: Method, path: string, signal: AbortSignal | undefined): Call {
    return {
      action,
      method,
      path,
      query: '',
      body: undefined,
      idempotent: true,
      timeoutMs: this.#options.timeoutMs,
      signal,
    };
  }

  #receiveCall(
    action: string,
    queueName: string,
    query: string,
    waitSeconds: number | undefined,
    messages: number,
    signal: AbortSignal | undefined,
  ): Call {
    // No waitSeconds: the queue's PollingWaitSeconds applies, up to its maximum.
    const waitMs = (waitSeconds ?? MNS_LIMITS.pollingWaitSeconds.max) * 1000;
    const longPollMs = waitMs + this.#options.longPollSlackMs;
    return {
      action,
      method: 'GET',
      path: `/queues/${queueName}/messages`,
      query,
      body: undefined,
      idempotent: true,
      timeoutMs: Math.max(this.#options.timeoutMs, longPollMs),
      deadlineNote:
        longPollMs > this.#options.timeoutMs
          ? `long-poll wait ${waitMs / 1000} s${waitSeconds === undefined ? ' (longest queue PollingWaitSeconds)' : ''} + longPollSlackMs ${this.#options.longPollSlackMs}`
          : 'timeoutMs',
      maxResponseBytes: messagesResponseLimit(messages),
      signal,
    };
  }

  #sendEncoding(action: string, value: SendBodyEncoding | undefined): SendBodyEncoding {
    checkOneOf(action, 'bodyEncoding', value, SEND_ENCODINGS);
    return value ?? this.#options.sendBodyEncoding;
  }

  #receiveEncoding(action: string, value: ReceiveBodyEncoding | undefined): ReceiveBodyEncoding {
    checkOneOf(action, 'bodyEncoding', value, RECEIVE_ENCODINGS);
    return value ?? this.#options.receiveBodyEncoding;
  }

  #wireMessage(
    action: string,
    field: string,
    m: {
      readonly messageBody: string;
      readonly delaySeconds?: number | undefined;
      readonly priority?: number | undefined;
    },
    encoding: SendBodyEncoding,
  ): WireMessage {
    checkBodyText(action, field, m.messageBody);
    const prefix = field.endsWith('.messageBody') ? field.slice(0, -'messageBody'.length) : '';
    checkOptionalInt(action, `${prefix}delaySeconds`, m.delaySeconds, MNS_LIMITS.delaySeconds);
    checkOptionalInt(action, `${prefix}priority`, m.priority, MNS_LIMITS.priority);
    if (encoding === 'raw') checkXmlCharacters(action, field, m.messageBody);
    const body = encodeMessageBody(m.messageBody, encoding);
    // Fast path: a UTF-16 string of n units is at most 3n UTF-8 bytes.
    if (body.length * 3 > MNS_LIMITS.maximumMessageSizeBytes.max)
      checkBodySize(action, field, Buffer.byteLength(body, 'utf8'));
    return { body, delaySeconds: m.delaySeconds, priority: m.priority };
  }

  async #credentials(): Promise<MnsCredentials> {
    return this.#fixedCredentials ?? (await this.#provider!.getCredentials());
  }

  /** The request loop: sign, send, hand the response to `handle`; retry per core's classifier; typed errors. */
  async #execute<T>(call: Call, handle: Handler<T>): Promise<T> {
    const operation = `${call.method} ${call.path}`;
    const resource = call.path + call.query;
    const maxAttempts = this.#options.retry.maxAttempts;
    for (let attempt = 1; ; attempt++) {
      if (call.signal?.aborted) throw abortError(operation, attempt - 1);
      if (this.#closed) {
        throw new MnsNetworkError({
          message: 'the client is closed',
          fault: 'client',
          operation,
          neverSent: true,
          attempts: attempt - 1,
        });
      }
      const started = performance.now();
      if (requestChannel.hasSubscribers) requestChannel.publish({ action: call.action, operation, attempt });
      let res: HttpResponse | undefined;
      let failure: MnsError;
      try {
        const credentials = await this.#credentials();
        const headers = this.#signer.sign(
          call.method,
          resource,
          call.body !== undefined,
          call.extraMnsHeaders,
          credentials,
        );
        res = await sendHttpRequest(this.#dispatcher, {
          origin: this.endpoint,
          method: call.method,
          path: resource,
          headers,
          body: call.body,
          signal: call.signal,
          deadlineMs: call.timeoutMs,
          bodyIdleMs: this.#options.timeoutMs,
          maxResponseBytes: call.maxResponseBytes ?? RESPONSE_LIMITS.documentBytes,
        });
        const value = handle(res, { operation, attempt });
        if (responseChannel.hasSubscribers) {
          responseChannel.publish({
            action: call.action,
            operation,
            attempt,
            status: res.status,
            requestId: res.requestId,
            durationMs: performance.now() - started,
            errorCode: undefined,
          });
        }
        return value;
      } catch (error) {
        failure = this.#toMnsError(error, res, { operation, attempt }, call);
      }
      if (responseChannel.hasSubscribers) {
        responseChannel.publish({
          action: call.action,
          operation,
          attempt,
          status: res?.status,
          requestId: res?.requestId ?? failure.requestId,
          durationMs: performance.now() - started,
          errorCode: failure.code,
        });
      }
      if (!shouldRetry({ error: failure, attempt, maxAttempts, idempotent: call.idempotent })) throw failure;
      const { category } = classifyMnsError(failure);
      const delayMs = backoffDelayMs(
        attempt,
        retryBackoffOptions(this.#options.retry, category),
        this.#options.random,
      );
      if (retryChannel.hasSubscribers) {
        retryChannel.publish({
          action: call.action,
          operation,
          attempt,
          errorCode: failure.code,
          status: failure.status,
          requestId: failure.requestId,
          delayMs,
        });
      }
      if (!(await sleep(systemClock, delayMs, call.signal))) throw abortError(operation, attempt);
    }
  }

  /**
   * The failure of an attempt as an `MnsError` carrying that attempt. Errors the client built are already that; an
   * `MnsError` from a credentials provider is passed on as it is.
   */
  #toMnsError(error: unknown, res: HttpResponse | undefined, op: Attempt, call: Call): MnsError {
    if (isMnsError(error)) return error;
    const { operation, attempt: attempts } = op;
    if (error instanceof HttpFailure) {
      const common = { operation, attempts, neverSent: error.neverSent, cause: error };
      if (error.kind === 'abort') return abortError(operation, attempts);
      if (error.kind === 'timeout') {
        return new MnsTimeoutError({
          ...common,
          message: this.#timeoutMessage(error, call),
          fault: 'transport',
        });
      }
      if (error.kind === 'tooLarge') {
        return new MnsDecodeError({
          ...common,
          code: MnsErrorCodes.responseTooLarge,
          message: error.message,
          fault: 'server',
          status: error.status,
          requestId: error.requestId,
        });
      }
      return new MnsNetworkError({ ...common, message: error.message, fault: 'transport' });
    }
    // A decoder rejected the body (malformed, truncated, wrong shape).
    return new MnsDecodeError({
      message: `cannot decode the response: ${(error as Error)?.message ?? String(error)}`,
      fault: 'server',
      status: res?.status,
      requestId: res?.requestId,
      operation,
      attempts,
      cause: error,
    });
  }

  /** Which deadline passed, in words: the whole-response deadline, the body-idle limit or the connect timeout. */
  #timeoutMessage(error: HttpFailure, call: Call): string {
    switch (error.timeout) {
      case 'connect':
        return `no connection within connectTimeoutMs ${this.#options.connectTimeoutMs} ms (${error.message})`;
      case 'bodyIdle':
        return `the response body stalled for timeoutMs ${this.#options.timeoutMs} ms (${error.message})`;
      default:
        // 'response' (our deadline) or 'headers' (undici's, set to the same deadline).
        return `no complete response within the attempt's deadline of ${call.timeoutMs} ms (${call.deadlineNote ?? 'timeoutMs'})`;
    }
  }

  /** More messages than asked for means a broken server; taking them would push callers past their own bounds. */
  #checkCount(got: number, asked: number, res: HttpResponse, operation: string): void {
    if (got <= asked) return;
    throw new MnsDecodeError({
      code: MnsErrorCodes.decode,
      message: `the response holds ${got} messages, but numOfMessages was ${asked}; none of them is used`,
      fault: 'server',
      status: res.status,
      requestId: res.requestId,
      operation,
    });
  }

  /** The decoded body of a response that must have `status` (else the response's error). */
  #document(res: HttpResponse, op: Attempt, status: number): MnsDocument {
    if (res.status !== status) throw this.#failure(res, op);
    return decodeMnsDocument(res.body);
  }

  #expectNoContent(res: HttpResponse, op: Attempt): void {
    if (res.status !== 204 && res.status !== 200) throw this.#failure(res, op);
  }

  /** 404 `MessageNotExist` on receive/peek: the queue had nothing within the wait. */
  #isNoMessage(res: HttpResponse): boolean {
    if (res.status !== 404) return false;
    try {
      return decodeErrorDocument(decodeMnsDocument(res.body))?.code === 'MessageNotExist';
    } catch {
      return false;
    }
  }

  /** The error a non-success response stands for: its MNS `<Error>`, or `ERR_MNS_UNEXPECTED_STATUS`. */
  #failure(res: HttpResponse, op: Attempt): MnsError {
    const { operation, attempt: attempts } = op;
    let doc: ReturnType<typeof decodeErrorDocument>;
    try {
      doc = res.body === '' ? undefined : decodeErrorDocument(decodeMnsDocument(res.body));
    } catch {
      doc = undefined;
    }
    const fault = res.status >= 500 ? 'server' : 'client';
    if (doc === undefined) {
      return new MnsServiceError({
        code: MnsErrorCodes.unexpectedStatus,
        message: `HTTP ${res.status} without an MNS <Error> document (${Buffer.byteLength(res.body)} bytes of body)`,
        fault,
        status: res.status,
        requestId: res.requestId,
        operation,
        attempts,
      });
    }
    return new MnsServiceError({
      code: doc.code,
      message: this.#redact(doc.message),
      fault,
      status: res.status,
      requestId: doc.requestId ?? res.requestId,
      hostId: doc.hostId,
      operation,
      attempts,
    });
  }

  /** Service messages are echoed into errors; make sure no credential can ride along. */
  #redact(text: string): string {
    const c = this.#fixedCredentials;
    if (c === undefined) return text;
    return redactSecrets(text, [c.accessKeySecret, c.securityToken]);
  }

  #checkMd5(wireBody: string, reported: string, res: HttpResponse, op: Attempt, field: string): void {
    if (!this.#options.verifyMessageBodyMd5) return;
    const computed = messageBodyMd5(wireBody);
    if (computed !== reported.toUpperCase()) {
      throw new MnsDecodeError({
        code: MnsErrorCodes.bodyMd5Mismatch,
        message: `MessageBodyMD5 ${reported} does not match ${field} (MD5 ${computed})`,
        fault: 'transport',
        status: res.status,
        requestId: res.requestId,
        operation: op.operation,
        attempts: op.attempt,
      });
    }
  }

  /**
   * The body decoded per `encoding`. A body that is not in that encoding is not thrown (that would fail every
   * other message of the batch, and a retry returns the same body): the message keeps the body as stored and
   * carries the failure in `bodyError` (`ERR_MNS_BODY_ENCODING`, final per core's classifier).
   */
  #decodeBody<M extends ReceivedMessage | PeekedMessage>(
    m: M,
    encoding: ReceiveBodyEncoding,
    res: HttpResponse,
    op: Attempt,
  ): M {
    this.#checkMd5(m.messageBody, m.messageBodyMd5, res, op, `the body of message ${m.messageId}`);
    if (encoding === 'raw') return m;
    const body = decodeMessageBody(m.messageBody, encoding);
    if (body !== undefined) return { ...m, messageBody: body };
    const bodyError = new MnsDecodeError({
      code: MnsErrorCodes.bodyEncoding,
      message: `the body of message ${m.messageId} is not base64 of UTF-8 text (bodyEncoding '${encoding}')`,
      fault: 'client',
      status: res.status,
      requestId: res.requestId,
      operation: op.operation,
      attempts: op.attempt,
    });
    return { ...m, bodyError };
  }
}

function abortError(operation: string, attempts: number): MnsAbortError {
  return new MnsAbortError({
    message: 'the operation was aborted',
    fault: 'client',
    operation,
    attempts,
  });
}

function checkAttributes(action: string, a: QueueAttributesInput | undefined): void {
  if (a === undefined) return;
  if (typeof a !== 'object' || a === null)
    throw invalidArgument('attributes', a, 'an object', { operation: action });
  const l = MNS_LIMITS;
  checkOptionalInt(action, 'attributes.delaySeconds', a.delaySeconds, l.delaySeconds);
  checkOptionalInt(action, 'attributes.maximumMessageSize', a.maximumMessageSize, l.maximumMessageSizeBytes);
  checkOptionalInt(
    action,
    'attributes.messageRetentionPeriodSeconds',
    a.messageRetentionPeriodSeconds,
    l.messageRetentionPeriodSeconds,
  );
  checkOptionalInt(
    action,
    'attributes.visibilityTimeoutSeconds',
    a.visibilityTimeoutSeconds,
    l.visibilityTimeoutSeconds,
  );
  checkOptionalInt(action, 'attributes.pollingWaitSeconds', a.pollingWaitSeconds, l.pollingWaitSeconds);
  checkBoolean(action, 'attributes.loggingEnabled', a.loggingEnabled);
}

import { randomBytes } from 'node:crypto';
import { type Clock, sleep, systemClock } from '@vodmns/core';
import { type AuthenticationContext, authenticateRequest } from '../auth/authenticate-request.js';
import { verifyContentMd5 } from '../auth/verify-content-md5.js';
import { isMnsQueueName, MNS_LIMITS } from '@vodmns/core';
import {
  checkInRange,
  parseAttribute,
  parseBooleanElement,
  parseIntegerElement,
  type QueueAttributes,
  validateQueueName,
} from '../engine/queue-attributes.js';
import type { QueueEngine, SendEntry } from '../engine/queue-engine.js';
import { MnsServiceFailure, outOfRange, schemaViolation } from '../protocol/mns-service-error.js';
import { parseRequestTarget, type RequestTarget } from '../protocol/request-target.js';
import {
  childElements,
  childText,
  parseRequestXml,
  rootElementName,
  type XmlElement,
} from '../protocol/request-xml.js';
import {
  type BatchDeleteErrorView,
  type BatchSendEntryView,
  batchDeleteErrorsXml,
  batchSentXml,
  changeVisibilityXml,
  errorXml,
  peekedMessagesXml,
  peekedMessageXml,
  queueAttributesXml,
  queueListXml,
  receivedMessagesXml,
  receivedMessageXml,
  sentMessageXml,
} from '../protocol/response-xml.js';
import { findInvalidXmlChar } from '@vodmns/mns-transport/codec';
import type { AccessLogEntry } from '../options/mns-local-options.js';
import { type FaultInjectorInternal, faultKind, type MnsLocalFault } from './fault-injector.js';
import type { MnsLocalRequest, MnsLocalResponse } from './mns-local-request.js';
import type { MnsOperation } from './mns-operation.js';
import type { Throttle } from './throttle.js';

/** What the handler needs from its server. */
export interface RequestHandlerContext {
  readonly engine: QueueEngine;
  readonly clock: Clock;
  readonly faults: FaultInjectorInternal;
  readonly accountId: string;
  readonly region: string;
  /** `undefined` disables authentication. */
  readonly auth: Omit<AuthenticationContext, 'nowMs'> | undefined;
  readonly accessLog: ((entry: AccessLogEntry) => void) | undefined;
  /** Called once per response (statistics). */
  readonly onResponse: (operation: MnsOperation | undefined, status: number) => void;
  /** Read-only admin documents served under {@link ADMIN_PATH_PREFIX} (JSON), by path suffix. */
  readonly adminDocuments: (name: string) => unknown;
  /** TPS limits and the throttle fault (429 `TooManyRequests` after a hold). */
  readonly throttle: Throttle;
  /** `Content-Type` of XML responses. */
  readonly contentType: string;
}

const MNS_VERSION = '2015-06-06';
const { min: MIN_BATCH, max: MAX_BATCH } = MNS_LIMITS.batchSize;
// A batch send's bodies together may not exceed the largest single body.
const MAX_BATCH_PAYLOAD = MNS_LIMITS.maximumMessageSizeBytes.max;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const requestIdPrefix = randomBytes(4).toString('hex').toUpperCase();
let requestIdCounter = 0;

/** A fresh `x-mns-request-id`: 24 upper-case hex characters, unique per process. */
export function newRequestId(): string {
  requestIdCounter = (requestIdCounter + 1) % 2 ** 48;
  return requestIdPrefix + requestIdCounter.toString(16).toUpperCase().padStart(16, '0');
}

interface Routed {
  readonly operation: MnsOperation;
  readonly queueName: string | undefined;
}

interface Outcome {
  readonly status: number;
  readonly body: string;
  readonly location?: string | undefined;
}

const HOST = /^[A-Za-z0-9._~-]{1,253}(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](?::\d{1,5})?$/;

/** Routes a request per the docs/mns-protocol.md §4 summary; throws `InvalidRequestURL` / queue-name errors. */
export function routeRequest(method: string, target: RequestTarget, bodyText: string): Routed {
  const [first, name, third, ...rest] = target.segments;
  const m = method.toUpperCase();
  if (first !== 'queues' || rest.length > 0) throw new MnsServiceFailure('InvalidRequestURL');
  if (name === undefined) {
    if (m === 'GET') return { operation: 'ListQueue', queueName: undefined };
    throw new MnsServiceFailure('InvalidRequestURL');
  }
  validateQueueName(name);
  if (third === undefined) {
    if (m === 'PUT') {
      const override = target.query.get('metaoverride');
      return {
        operation:
          override !== undefined && override.toLowerCase() === 'true' ? 'SetQueueAttributes' : 'CreateQueue',
        queueName: name,
      };
    }
    if (m === 'GET') return { operation: 'GetQueueAttributes', queueName: name };
    if (m === 'DELETE') return { operation: 'DeleteQueue', queueName: name };
    throw new MnsServiceFailure('InvalidRequestURL');
  }
  if (third !== 'messages') throw new MnsServiceFailure('InvalidRequestURL');
  switch (m) {
    case 'POST': {
      // Linear (the full parse comes later): a backtracking regex here was a ReDoS on `<!---->` runs.
      const root = rootElementName(bodyText);
      return { operation: root === 'Messages' ? 'BatchSendMessage' : 'SendMessage', queueName: name };
    }
    case 'GET': {
      const peek = target.query.get('peekonly');
      const batch = target.query.has('numofmessages');
      if (peek !== undefined && peek.toLowerCase() === 'true') {
        return { operation: batch ? 'BatchPeekMessage' : 'PeekMessage', queueName: name };
      }
      return { operation: batch ? 'BatchReceiveMessage' : 'ReceiveMessage', queueName: name };
    }
    case 'DELETE':
      return {
        operation:
          target.query.has('receipthandle') || bodyText.trim() === ''
            ? 'DeleteMessage'
            : 'BatchDeleteMessage',
        queueName: name,
      };
    case 'PUT':
      return { operation: 'ChangeMessageVisibility', queueName: name };
    default:
      throw new MnsServiceFailure('InvalidRequestURL');
  }
}

function queryInteger(
  target: RequestTarget,
  name: string,
  element: string,
  low: number,
  high: number,
): number | undefined {
  const raw = target.query.get(name);
  if (raw === undefined) return undefined;
  if (!/^-?\d{1,10}$/.test(raw)) {
    throw new MnsServiceFailure(
      'InvalidArgument',
      `The value of ${element} should be an integer, got "${raw.slice(0, 32)}".`,
    );
  }
  const value = Number.parseInt(raw, 10);
  if (value < low || value > high)
    throw outOfRange(element, low, high, element === 'numOfMessages' ? 'messages' : 'seconds');
  return value;
}

function requireRoot(element: XmlElement, root: string): void {
  if (element.name !== root) {
    throw new MnsServiceFailure(
      'InvalidArgument',
      `The XML you provided did not validate against our published schema, expected root element ${root}.`,
    );
  }
}

function parseQueueBody(text: string): Partial<QueueAttributes> {
  if (text.trim() === '') return {};
  const el = parseRequestXml(text);
  requireRoot(el, 'Queue');
  const out: { -readonly [K in keyof QueueAttributes]?: QueueAttributes[K] } = {};
  const numeric = [
    ['DelaySeconds', 'delaySeconds'],
    ['MaximumMessageSize', 'maximumMessageSize'],
    ['MessageRetentionPeriod', 'messageRetentionPeriod'],
    ['VisibilityTimeout', 'visibilityTimeout'],
    ['PollingWaitSeconds', 'pollingWaitSeconds'],
  ] as const;
  for (const [element, key] of numeric) {
    const v = childText(el, element);
    if (v !== undefined) out[key] = parseAttribute(key, v);
    else if (childElements(el, element).length > 0) throw schemaViolation(element);
  }
  const logging = childText(el, 'LoggingEnabled');
  if (logging !== undefined) out.loggingEnabled = parseBooleanElement('LoggingEnabled', logging);
  return out;
}

/** Validates one `<Message>` of a send; throws an {@link MnsServiceFailure}. */
function parseSendEntry(el: XmlElement, maximumMessageSize: number): SendEntry {
  const body = childText(el, 'MessageBody');
  if (body === undefined) throw schemaViolation('MessageBody');
  const size = Buffer.byteLength(body, 'utf8');
  if (size < 1 || size > maximumMessageSize) {
    throw new MnsServiceFailure(
      'InvalidArgument',
      `The length of MessageBody should between 1 and ${maximumMessageSize} bytes, got ${size}.`,
    );
  }
  if (findInvalidXmlChar(body) >= 0) throw new MnsServiceFailure('MalformedXML');
  let delaySeconds: number | undefined;
  const delay = childText(el, 'DelaySeconds');
  if (delay !== undefined) {
    delaySeconds = checkInRange(
      'DelaySeconds',
      parseIntegerElement('DelaySeconds', delay),
      MNS_LIMITS.delaySeconds,
      'seconds',
    );
  }
  let priority: number | undefined;
  const p = childText(el, 'Priority');
  if (p !== undefined) {
    // Priority 0 is rejected like any other out-of-range value (what the service does); an absent one means 8.
    priority = checkInRange('Priority', parseIntegerElement('Priority', p), MNS_LIMITS.priority, '');
  }
  return { body, delaySeconds, priority };
}

/** Creates the transport-independent request handler (`server.handle`). */
export function createRequestHandler(
  ctx: RequestHandlerContext,
): (request: MnsLocalRequest) => Promise<MnsLocalResponse> {
  const { engine, clock, faults } = ctx;
  const defaultHost = `${ctx.accountId}.mns.${ctx.region}.aliyuncs.com`;

  async function execute(
    request: MnsLocalRequest,
    routed: Routed,
    target: RequestTarget,
    bodyText: string,
    baseUrl: string,
    fault: MnsLocalFault | undefined,
  ): Promise<Outcome> {
    const q = routed.queueName;
    switch (routed.operation) {
      case 'ListQueue':
        return listQueue(request, baseUrl);
      case 'CreateQueue': {
        const attrs = parseQueueBody(bodyText);
        const result = engine.createQueue(q!, attrs);
        return { status: result === 'created' ? 201 : 204, body: '', location: `${baseUrl}/queues/${q}` };
      }
      case 'SetQueueAttributes': {
        const attrs = parseQueueBody(bodyText);
        engine.setQueueAttributes(q!, attrs);
        return { status: 204, body: '' };
      }
      case 'GetQueueAttributes':
        return { status: 200, body: queueAttributesXml(engine.queueAttributes(q!)) };
      case 'DeleteQueue':
        engine.deleteQueue(q!);
        return { status: 204, body: '' };
      case 'SendMessage': {
        const el = parseRequestXml(bodyText);
        requireRoot(el, 'Message');
        const entry = parseSendEntry(el, engine.attributesOf(q!).maximumMessageSize);
        const [r] = engine.send(q!, [entry]);
        return { status: 201, body: sentMessageXml(r!.id, r!.bodyMd5, r!.receiptHandle) };
      }
      case 'BatchSendMessage':
        return batchSend(q!, bodyText, fault);
      case 'ReceiveMessage':
      case 'BatchReceiveMessage': {
        const batch = routed.operation === 'BatchReceiveMessage';
        const n = batch ? queryInteger(target, 'numofmessages', 'numOfMessages', MIN_BATCH, MAX_BATCH)! : 1;
        const wait =
          queryInteger(
            target,
            'waitseconds',
            'waitseconds',
            MNS_LIMITS.pollingWaitSeconds.min,
            MNS_LIMITS.pollingWaitSeconds.max,
          ) ?? engine.attributesOf(q!).pollingWaitSeconds;
        const list = await engine.receive(q!, n, wait, request.signal);
        if (list.length === 0) throw new MnsServiceFailure('MessageNotExist');
        return { status: 200, body: batch ? receivedMessagesXml(list) : receivedMessageXml(list[0]!) };
      }
      case 'PeekMessage':
      case 'BatchPeekMessage': {
        const batch = routed.operation === 'BatchPeekMessage';
        const n = batch ? queryInteger(target, 'numofmessages', 'numOfMessages', MIN_BATCH, MAX_BATCH)! : 1;
        const list = engine.peek(q!, n);
        if (list.length === 0) throw new MnsServiceFailure('MessageNotExist');
        return { status: 200, body: batch ? peekedMessagesXml(list) : peekedMessageXml(list[0]!) };
      }
      case 'DeleteMessage': {
        const handle = target.query.get('receipthandle');
        if (handle === undefined || handle === '') throw new MnsServiceFailure('MissingReceiptHandle');
        engine.deleteMessage(q!, handle);
        return { status: 204, body: '' };
      }
      case 'BatchDeleteMessage':
        return batchDelete(q!, bodyText, fault);
      case 'ChangeMessageVisibility': {
        const handle = target.query.get('receipthandle');
        if (handle === undefined || handle === '') throw new MnsServiceFailure('MissingReceiptHandle');
        if (!target.query.has('visibilitytimeout')) throw new MnsServiceFailure('MissingVisibilityTimeout');
        const { min, max } = MNS_LIMITS.visibilityTimeoutSeconds;
        const timeout = queryInteger(target, 'visibilitytimeout', 'VisibilityTimeout', min, max)!;
        const r = engine.changeVisibility(q!, handle, timeout);
        return { status: 200, body: changeVisibilityXml(r.receiptHandle, r.nextVisibleTime) };
      }
    }
  }

  function adminResponse(request: MnsLocalRequest): MnsLocalResponse {
    const requestId = newRequestId();
    const name = request.url.slice(ADMIN_PATH_PREFIX.length).split('?')[0] ?? '';
    const document = request.method.toUpperCase() === 'GET' ? ctx.adminDocuments(name) : undefined;
    const status = document === undefined ? 404 : 200;
    return {
      status,
      headers: {
        'x-mns-request-id': requestId,
        Server: 'AliyunMQS',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(document ?? { error: `no admin document ${name}; try stats or queues` }),
      requestId,
      operation: undefined,
      errorCode: undefined,
    };
  }

  function listQueue(request: MnsLocalRequest, baseUrl: string): Outcome {
    const h = (name: string): string | undefined => {
      const v = request.headers[name];
      return Array.isArray(v) ? v.join(',') : v;
    };
    const prefix = h('x-mns-prefix') ?? '';
    const markerText = h('x-mns-marker');
    const retText = h('x-mns-ret-number');
    const pageSize = MNS_LIMITS.listQueuesPageSize;
    let limit = pageSize.default;
    if (retText !== undefined) {
      if (!/^\d{1,5}$/.test(retText)) {
        throw new MnsServiceFailure(
          'InvalidArgument',
          `The value of x-mns-ret-number should be an integer, got "${retText.slice(0, 32)}".`,
        );
      }
      limit = Number.parseInt(retText, 10);
      checkInRange('x-mns-ret-number', limit, pageSize, 'queues');
    }
    let after = '';
    if (markerText !== undefined && markerText !== '') {
      after = Buffer.from(markerText, 'base64url').toString('utf8');
      if (!isMnsQueueName(after)) {
        throw new MnsServiceFailure('InvalidArgument', 'The value of x-mns-marker is invalid.');
      }
    }
    const withMeta = (h('x-mns-with-meta') ?? '').toLowerCase() === 'true';
    const names = engine.queueNames().filter((n) => n.startsWith(prefix) && n > after);
    const page = names.slice(0, limit);
    const more = names.length > limit;
    const views = page.map((n) => engine.queueAttributes(n));
    const next = more ? Buffer.from(page[page.length - 1]!, 'utf8').toString('base64url') : undefined;
    return { status: 200, body: queueListXml(baseUrl, views, withMeta, next) };
  }

  function batchSend(queueName: string, bodyText: string, fault: MnsLocalFault | undefined): Outcome {
    const el = parseRequestXml(bodyText);
    requireRoot(el, 'Messages');
    const items = childElements(el, 'Message');
    if (items.length < MIN_BATCH || items.length > MAX_BATCH || items.length !== el.children.length) {
      throw new MnsServiceFailure(
        'InvalidArgument',
        `The count of Message should between ${MIN_BATCH} and ${MAX_BATCH}.`,
      );
    }
    const max = engine.attributesOf(queueName).maximumMessageSize;
    let total = 0;
    const parsed = items.map((item, index): SendEntry | MnsServiceFailure => {
      if (childText(item, 'MessageBody') === undefined) throw schemaViolation('MessageBody');
      if (fault !== undefined && 'failEntries' in fault && fault.failEntries.includes(index)) {
        return new MnsServiceFailure(fault.code ?? 'InternalError', fault.message, 500);
      }
      try {
        const entry = parseSendEntry(item, max);
        total += Buffer.byteLength(entry.body, 'utf8');
        return entry;
      } catch (error) {
        if (error instanceof MnsServiceFailure) return error;
        throw error;
      }
    });
    if (total > MAX_BATCH_PAYLOAD) {
      throw new MnsServiceFailure(
        'InvalidArgument',
        `The total length of MessageBody in a batch should not exceed ${MAX_BATCH_PAYLOAD} bytes, got ${total}.`,
      );
    }
    const good = parsed.filter((p): p is SendEntry => !(p instanceof MnsServiceFailure));
    const results = engine.send(queueName, good);
    let k = 0;
    let failed = false;
    const entries = parsed.map((p): BatchSendEntryView => {
      if (p instanceof MnsServiceFailure) {
        failed = true;
        return { ok: false, code: p.code, message: p.message };
      }
      const r = results[k++]!;
      return { ok: true, id: r.id, bodyMd5: r.bodyMd5 };
    });
    return { status: failed ? 500 : 201, body: batchSentXml(entries) };
  }

  function batchDelete(queueName: string, bodyText: string, fault: MnsLocalFault | undefined): Outcome {
    const el = parseRequestXml(bodyText);
    requireRoot(el, 'ReceiptHandles');
    const items = childElements(el, 'ReceiptHandle');
    if (items.length < MIN_BATCH || items.length > MAX_BATCH || items.length !== el.children.length) {
      throw new MnsServiceFailure(
        'InvalidArgument',
        `The count of ReceiptHandle should between ${MIN_BATCH} and ${MAX_BATCH}.`,
      );
    }
    const handles = items.map((i) => i.text.trim());
    const injected: BatchDeleteErrorView[] = [];
    const toDelete: string[] = [];
    handles.forEach((handle, index) => {
      if (fault !== undefined && 'failEntries' in fault && fault.failEntries.includes(index)) {
        injected.push({
          code: fault.code ?? 'InternalError',
          message: fault.message ?? 'Interal error.',
          receiptHandle: handle,
        });
      } else toDelete.push(handle);
    });
    const failures = engine.deleteMessages(queueName, toDelete);
    const errors: BatchDeleteErrorView[] = [
      ...injected,
      ...failures.map((f) => ({
        code: f.error.code,
        message: f.error.message,
        receiptHandle: f.receiptHandle,
      })),
    ];
    if (errors.length === 0) return { status: 204, body: '' };
    // Report in request order.
    errors.sort((a, b) => handles.indexOf(a.receiptHandle) - handles.indexOf(b.receiptHandle));
    return { status: 404, body: batchDeleteErrorsXml(errors) };
  }

  return async function handle(request: MnsLocalRequest): Promise<MnsLocalResponse> {
    if (request.url.startsWith(ADMIN_PATH_PREFIX)) return adminResponse(request);
    const started = clock.now();
    const startedReal = performance.now();
    const requestId = newRequestId();
    const hostHeader = request.headers.host;
    // Only a well-formed host goes into Location/QueueURL/HostId (anything else could not be a header value).
    const host = typeof hostHeader === 'string' && HOST.test(hostHeader) ? hostHeader : defaultHost;
    const baseUrl = `http://${host}`;
    let routed: Routed | undefined;
    let accessKeyId: string | undefined;
    let appliedFault: MnsLocalFault | undefined;
    let outcome: Outcome;
    let errorCode: string | undefined;
    try {
      const raw = request.body ?? '';
      let bodyText: string;
      try {
        bodyText = typeof raw === 'string' ? raw : raw.length === 0 ? '' : utf8.decode(raw);
      } catch {
        throw new MnsServiceFailure(
          'MalformedXML',
          'The XML you provided was not well-formed: invalid UTF-8.',
        );
      }
      // Authenticate first (over the raw target and headers), then route.
      if (ctx.auth !== undefined) {
        accessKeyId = authenticateRequest(request.method.toUpperCase(), request.url, request.headers, {
          ...ctx.auth,
          nowMs: clock.now(),
        });
      }
      // After authentication (an unauthenticated caller learns nothing), before anything reads the body:
      // the V1 signature covers Content-MD5, and this binds the body to it.
      verifyContentMd5(request.headers['content-md5'], raw);
      const target = parseRequestTarget(request.url);
      routed = routeRequest(request.method, target, bodyText);
      const version = request.headers['x-mns-version'];
      if (version !== undefined && version !== MNS_VERSION)
        throw new MnsServiceFailure('InvalidVersionHeader');
      appliedFault = faults.take(routed.operation, routed.queueName, request.method);
      await ctx.throttle.admit(
        routed.queueName,
        request.signal,
        appliedFault !== undefined && 'throttle' in appliedFault,
      );
      if (appliedFault !== undefined) {
        if ('status' in appliedFault) {
          throw new MnsServiceFailure(
            appliedFault.code,
            appliedFault.message ?? `Injected fault ${appliedFault.code}.`,
            appliedFault.status,
          );
        }
        // Real time, not the injected clock: the delay stands for a slow network, which the client's own
        // deadline (real time) must see.
        if ('delayMs' in appliedFault) await sleep(systemClock, appliedFault.delayMs, request.signal);
      }
      if (appliedFault !== undefined && 'reset' in appliedFault) {
        outcome = { status: 500, body: '' };
      } else {
        outcome = await execute(request, routed, target, bodyText, baseUrl, appliedFault);
      }
    } catch (error) {
      const failure =
        error instanceof MnsServiceFailure ? error : new MnsServiceFailure('InternalError', 'Interal error.');
      errorCode = failure.code;
      outcome = { status: failure.status, body: errorXml(failure.code, failure.message, requestId, baseUrl) };
    }
    let body = outcome.body;
    let transportFault: MnsLocalResponse['transportFault'];
    if (appliedFault !== undefined) {
      if ('malformedBody' in appliedFault) body = `${body.slice(0, Math.max(0, body.length >> 1))}<Broken<<`;
      else if ('truncateBody' in appliedFault) transportFault = 'truncateBody';
      else if ('reset' in appliedFault) transportFault = 'reset';
    }
    const headers: Record<string, string> = {
      'x-mns-request-id': requestId,
      'x-mns-version': MNS_VERSION,
      Server: 'AliyunMQS',
      'Content-Type': ctx.contentType,
    };
    if (outcome.location !== undefined) headers.Location = outcome.location;
    const operation = routed?.operation;
    ctx.onResponse(operation, outcome.status);
    if (ctx.accessLog !== undefined) {
      const q = request.url.indexOf('?');
      ctx.accessLog({
        time: new Date(started).toISOString(),
        requestId,
        method: request.method,
        path: q < 0 ? request.url : request.url.slice(0, q),
        operation,
        queueName: routed?.queueName,
        status: outcome.status,
        code: errorCode,
        durationMs: Math.round((performance.now() - startedReal) * 1000) / 1000,
        accessKeyId,
        fault: appliedFault === undefined ? undefined : faultKind(appliedFault),
      });
    }
    return { status: outcome.status, headers, body, requestId, operation, errorCode, transportFault };
  };
}

/** Read-only JSON admin endpoints live here, outside the MNS path space. */
export const ADMIN_PATH_PREFIX = '/__mns-local/';

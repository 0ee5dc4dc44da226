import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import { createRequire } from 'node:module';
import type { Span, Tracer } from '@opentelemetry/api';
import { isMnsError, MnsConfigError, MnsErrorCodes } from '@vodmns/core';
import {
  MNS_DIAGNOSTICS_CHANNELS,
  type MnsRequestEvent,
  type MnsResponseEvent,
} from '../client/diagnostics.js';
import type { MnsClient } from '../client/mns-client.js';

/** Options of {@link traceMnsClient}. */
export interface TraceMnsClientOptions {
  /**
   * An OpenTelemetry `Tracer` (from `@opentelemetry/api`) to create the client spans with. Typed `object` so that
   * this package's types do not need the optional peer. @defaultValue `trace.getTracer('@vodmns/mns-transport')`
   */
  readonly tracer?: object | undefined;
}

/** The client methods that are MNS operations (one span each). */
const OPERATIONS = new Set<string>([
  'createQueue',
  'deleteQueue',
  'getQueueAttributes',
  'setQueueAttributes',
  'listQueues',
  'sendMessage',
  'batchSendMessage',
  'receiveMessage',
  'batchReceiveMessage',
  'peekMessage',
  'batchPeekMessage',
  'deleteMessage',
  'batchDeleteMessage',
  'changeMessageVisibility',
]);
const SPAN_KIND_CLIENT = 2;
const STATUS_ERROR = 2;

/** What the diagnostics events of one call fill in. */
interface CallState {
  readonly span: Span;
  attempts: number;
}

const calls = new AsyncLocalStorage<CallState>();
let listening = false;

/** Subscribes once to the client's diagnostics channels; each event goes to the span of the call it belongs to. */
function listen(): void {
  if (listening) return;
  listening = true;
  subscribe(MNS_DIAGNOSTICS_CHANNELS.request, (message) => {
    const state = calls.getStore();
    if (state === undefined) return;
    state.attempts = (message as MnsRequestEvent).attempt;
    state.span.setAttribute('vodmns.attempts', state.attempts);
  });
  subscribe(MNS_DIAGNOSTICS_CHANNELS.response, (message) => {
    const state = calls.getStore();
    if (state === undefined) return;
    const e = message as MnsResponseEvent;
    if (e.status !== undefined) state.span.setAttribute('http.response.status_code', e.status);
    if (e.requestId !== undefined) state.span.setAttribute('alibaba_cloud_mns.request_id', e.requestId);
    if (e.errorCode !== undefined && e.attempt > 1) {
      state.span.addEvent('retry', { 'vodmns.attempt': e.attempt, 'error.type': e.errorCode });
    }
  });
}

function defaultTracer(): Tracer {
  try {
    const api = createRequire(import.meta.url)('@opentelemetry/api') as typeof import('@opentelemetry/api');
    return api.trace.getTracer('@vodmns/mns-transport');
  } catch (error) {
    throw new MnsConfigError({
      code: MnsErrorCodes.invalidArgument,
      message: 'traceMnsClient needs a tracer, or the optional peer dependency @opentelemetry/api (1.x)',
      fault: 'client',
      cause: error,
    });
  }
}

/**
 * Returns `client` with an OpenTelemetry span (kind CLIENT) around each MNS operation — `batchReceiveMessage
 * vod-events` and so on — carrying the method, the queue, the HTTP status, the service request id and the number
 * of attempts (retries are events on the span), and the error code on failure. Bodies, receipt handles and
 * credentials never reach a span. The spans come from the client's `diagnostics_channel` events, so a client that
 * is not traced pays nothing.
 *
 * @example
 * ```ts
 * const client = traceMnsClient(new MnsClient({ endpoint, credentials }));
 * consume(client, handlers, { queueName: 'vod-events', telemetry: true });
 * ```
 */
export function traceMnsClient<C extends MnsClient>(client: C, options: TraceMnsClientOptions = {}): C {
  const tracer = (options.tracer as Tracer | undefined) ?? defaultTracer();
  listen();
  const wrapped = new Map<string, unknown>();
  return new Proxy(client, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof key !== 'string' || typeof value !== 'function') return value;
      if (!OPERATIONS.has(key)) return value.bind(target);
      let fn = wrapped.get(key);
      if (fn === undefined) {
        const method = value as (input?: { queueName?: unknown }) => Promise<unknown>;
        fn = (input?: { queueName?: unknown }) => {
          const queue = typeof input?.queueName === 'string' ? input.queueName : undefined;
          const span = tracer.startSpan(queue === undefined ? key : `${key} ${queue}`, {
            kind: SPAN_KIND_CLIENT,
            attributes: {
              'messaging.system': 'alibaba_cloud_mns',
              'rpc.method': key,
              'server.address': new URL(target.endpoint).hostname,
              ...(queue === undefined ? {} : { 'messaging.destination.name': queue }),
            },
          });
          return calls.run({ span, attempts: 0 }, () =>
            method.call(target, input).then(
              (result) => {
                span.end();
                return result;
              },
              (error: unknown) => {
                span.setAttribute('error.type', isMnsError(error) ? error.code : 'Error');
                span.setStatus({
                  code: STATUS_ERROR,
                  message: isMnsError(error) ? error.code : String(error),
                });
                span.end();
                throw error;
              },
            ),
          );
        };
        wrapped.set(key, fn);
      }
      return fn;
    },
  });
}

import {
  KNOWN_VOD_EVENT_TYPES,
  MNS_QUEUE_NAME_PATTERN,
  VOD_STORAGE_REGIONS,
  type VodEventType,
} from '@vodmns/core';
import { createVodEvent } from '@vodmns/core/testing';
import {
  QUEUE_ATTRIBUTE_RANGES,
  type QueueAttributes,
  validateQueueName,
} from '../engine/queue-attributes.js';
import type { QueueEngine } from '../engine/queue-engine.js';
import { ConsoleApiError, invalidField } from './console-api-error.js';
import { consoleInput } from './console-input.js';
import type { ConsoleSimulator } from './console-simulator.js';
import { SIMULATION_OUTCOMES } from './console-simulator.js';
import { describeMessage, summarizeMessage } from './describe-message.js';

/** What the page may know about the server. No credential of any kind. */
export interface ConsoleServerInfo {
  readonly endpoint: string;
  readonly accountId: string;
  readonly region: string;
  readonly auth: boolean;
  readonly storage: 'memory' | 'sqlite';
}

/** A console API call: method, the path below `…/console/api/`, the query, and a body reader. */
export interface ConsoleApiCall {
  readonly method: string;
  /** Decoded path segments below `/api/`. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly body: () => Promise<Record<string, unknown>>;
}

/** Messages listed per page by default, and at most. */
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const KNOWN_TYPES: ReadonlySet<string> = new Set(KNOWN_VOD_EVENT_TYPES);

function queueName(raw: string | undefined): string {
  if (raw === undefined || raw === '') throw invalidField('queue name', 'is required');
  validateQueueName(raw);
  return raw;
}

function limitParam(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null) return DEFAULT_LIMIT;
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_LIMIT) {
    throw invalidField(
      'limit',
      `must be an integer in 1–${MAX_LIMIT}, got ${JSON.stringify(raw.slice(0, 16))}`,
    );
  }
  return Number(raw);
}

function queueAttributesInput(raw: Record<string, unknown> | undefined): Partial<QueueAttributes> {
  if (raw === undefined) return {};
  const keys = [...Object.keys(QUEUE_ATTRIBUTE_RANGES), 'loggingEnabled'];
  const input = consoleInput(raw, keys);
  const out: { -readonly [K in keyof QueueAttributes]?: QueueAttributes[K] } = {};
  for (const [key, [, low, high]] of Object.entries(QUEUE_ATTRIBUTE_RANGES)) {
    const v = input.integer(key, low, high);
    if (v !== undefined) out[key as Exclude<keyof QueueAttributes, 'loggingEnabled'>] = v;
  }
  const logging = input.boolean('loggingEnabled');
  if (logging !== undefined) out.loggingEnabled = logging;
  return out;
}

function notFound(what: string): ConsoleApiError {
  return new ConsoleApiError(404, 'NotFound', `No console API ${what}.`);
}

function methodNotAllowed(method: string, allowed: string): ConsoleApiError {
  return new ConsoleApiError(405, 'MethodNotAllowed', `${method} is not allowed here; use ${allowed}.`);
}

/**
 * The console's JSON API, on the engine directly (no signing: it is the admin surface). Returns the document
 * to answer with; throws {@link ConsoleApiError} (engine failures keep their MNS code). Reads never change a
 * message: listing peeks (`snapshot`), so visibility and `DequeueCount` stay as they were.
 */
export function createConsoleApi(deps: {
  readonly engine: QueueEngine;
  readonly simulator: ConsoleSimulator;
  readonly info: ConsoleServerInfo;
  readonly now: () => number;
}): (call: ConsoleApiCall) => Promise<{ status: number; document: unknown }> {
  const { engine, simulator } = deps;
  const ok = (document: unknown, status = 200) => ({ status, document });

  return async function serve(call) {
    const [area, name, sub, id, ...rest] = call.segments;
    const m = call.method;
    if (rest.length > 0) throw notFound(`path /${call.segments.join('/')}`);
    switch (area) {
      case 'info': {
        if (m !== 'GET') throw methodNotAllowed(m, 'GET');
        return ok({
          ...deps.info,
          now: deps.now(),
          eventTypes: KNOWN_VOD_EVENT_TYPES,
          outcomes: SIMULATION_OUTCOMES,
          storageRegions: VOD_STORAGE_REGIONS.filter((r) => !r.deactivated).map((r) => ({
            id: r.id,
            name: r.name,
            queueRegion: r.recommendedMnsRegion,
          })),
          queueNamePattern: MNS_QUEUE_NAME_PATTERN.source,
          queueAttributeRanges: QUEUE_ATTRIBUTE_RANGES,
        });
      }
      case 'queues':
        return ok(...(await queues(m, name, sub, id, call)));
      case 'simulations': {
        if (name === undefined) {
          if (m !== 'POST') throw methodNotAllowed(m, 'POST');
          return ok(simulator.start(simulationInput(await call.body())), 202);
        }
        if (m !== 'GET') throw methodNotAllowed(m, 'GET');
        if (sub !== undefined) throw notFound(`path /${call.segments.join('/')}`);
        const view = simulator.get(name);
        if (view === undefined)
          throw new ConsoleApiError(404, 'NotFound', `No simulation ${JSON.stringify(name.slice(0, 32))}.`);
        return ok(view);
      }
      default:
        throw notFound(`path /${call.segments.join('/')}`);
    }
  };

  async function queues(
    m: string,
    rawName: string | undefined,
    sub: string | undefined,
    id: string | undefined,
    call: ConsoleApiCall,
  ): Promise<[unknown, number?]> {
    if (rawName === undefined) {
      if (m === 'GET') return [{ queues: engine.queueNames().map((n) => engine.queueAttributes(n)) }];
      if (m !== 'POST') throw methodNotAllowed(m, 'GET or POST');
      const input = consoleInput(await call.body(), ['name', 'attributes']);
      const name = queueName(input.string('name', { required: true, maxLength: 256 }));
      const result = engine.createQueue(name, queueAttributesInput(input.object('attributes')));
      return [{ name, result }, result === 'created' ? 201 : 200];
    }
    const name = queueName(rawName);
    if (sub === undefined) {
      if (m === 'GET') return [engine.queueAttributes(name)];
      if (m !== 'DELETE') throw methodNotAllowed(m, 'GET or DELETE');
      engine.attributesOf(name); // QueueNotExist for a queue that is not there (the page says so)
      engine.deleteQueue(name);
      return [{ name, deleted: true }];
    }
    if (sub === 'purge') {
      if (m !== 'POST' || id !== undefined) throw methodNotAllowed(m, 'POST');
      return [{ name, purged: engine.purge(name) }];
    }
    if (sub === 'samples') {
      if (m !== 'POST' || id !== undefined) throw methodNotAllowed(m, 'POST');
      const input = consoleInput(await call.body(), ['eventType', 'outcome', 'seed', 'storageRegion']);
      const eventType = input.choice('eventType', KNOWN_VOD_EVENT_TYPES) as VodEventType | undefined;
      if (eventType === undefined) throw invalidField('eventType', 'is required');
      const outcome = input.choice('outcome', ['success', 'failure'] as const) ?? 'success';
      const storageRegion = input.choice(
        'storageRegion',
        VOD_STORAGE_REGIONS.map((r) => r.id),
      );
      const seed = input.integer('seed', 0, 2 ** 31 - 1) ?? deps.now() % 2 ** 31;
      const event = createVodEvent(eventType, undefined, {
        seed,
        outcome,
        now: new Date(Math.floor(deps.now() / 1000) * 1000),
        ...(storageRegion === undefined ? {} : { storageRegion }),
      });
      const sent = engine.send(name, [{ body: JSON.stringify(event) }])[0]!;
      return [{ name, messageId: sent.id, eventType, seed }, 201];
    }
    if (sub !== 'messages') throw notFound(`path /queues/${name}/${sub.slice(0, 32)}`);
    if (id !== undefined) {
      if (m !== 'GET') throw methodNotAllowed(m, 'GET');
      const message = engine.snapshot(name).find((x) => x.id === id);
      if (message === undefined) {
        throw new ConsoleApiError(
          404,
          'MessageNotExist',
          `Queue ${name} holds no message ${JSON.stringify(id.slice(0, 64))}.`,
        );
      }
      return [describeMessage(message, KNOWN_TYPES)];
    }
    if (m === 'GET') {
      const limit = limitParam(call.query);
      const all = engine.snapshot(name);
      return [
        {
          name,
          total: all.length,
          messages: all.slice(0, limit).map((x) => summarizeMessage(x, KNOWN_TYPES)),
        },
      ];
    }
    if (m !== 'POST') throw methodNotAllowed(m, 'GET or POST');
    const input = consoleInput(await call.body(), ['body', 'delaySeconds', 'priority']);
    const body = input.string('body', { required: true, maxLength: 65536 });
    const size = Buffer.byteLength(body, 'utf8');
    const max = engine.attributesOf(name).maximumMessageSize;
    if (size < 1 || size > max)
      throw invalidField(
        'body',
        `must be 1–${max} bytes of UTF-8 (the queue's MaximumMessageSize), got ${size}`,
      );
    const delaySeconds = input.integer('delaySeconds', 0, 604800);
    const priority = input.integer('priority', 1, 16);
    const sent = engine.send(name, [{ body, delaySeconds, priority }])[0]!;
    return [{ name, messageId: sent.id }, 201];
  }
}

function simulationInput(body: Record<string, unknown>) {
  const input = consoleInput(body, [
    'storageRegion',
    'outcome',
    'uploads',
    'seed',
    'paceMs',
    'createQueue',
    'queueName',
  ]);
  const storageRegion = input.string('storageRegion', { required: true, maxLength: 64 });
  const queue = input.string('queueName', { maxLength: 256 });
  return {
    storageRegion,
    outcome: input.choice('outcome', SIMULATION_OUTCOMES) ?? 'success',
    uploads: input.integer('uploads', 1, 10) ?? 1,
    seed: input.integer('seed', 0, 2 ** 31 - 1) ?? 1,
    paceMs: input.integer('paceMs', 0, 5000) ?? 400,
    createQueue: input.boolean('createQueue') ?? true,
    queueName: queue === undefined || queue === '' ? undefined : queueName(queue),
  };
}

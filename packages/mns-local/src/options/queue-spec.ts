import { MnsConfigError, MnsErrorCodes } from '@vodmns/core';
import { QUEUE_ATTRIBUTE_RANGES, type QueueAttributes } from '../engine/queue-attributes.js';

/** A queue created when the server starts (`queues` option, `--queue`, `--config`). */
export interface MnsLocalQueueSpec {
  /** Queue name (MNS rules: a letter, then letters, digits or `-`, ≤ 256). */
  readonly name: string;
  /** Attributes other than the defaults. @defaultValue the MNS defaults (VisibilityTimeout 30, …) */
  readonly attributes?: Partial<QueueAttributes> | undefined;
}

/** The MNS attribute names (as in CreateQueue), and the camelCase ones of `admin.createQueue`, case-insensitive. */
const ATTRIBUTE_KEYS: ReadonlyMap<string, keyof QueueAttributes> = new Map([
  ...Object.entries(QUEUE_ATTRIBUTE_RANGES).flatMap(([key, [element]]) => [
    [element.toLowerCase(), key as keyof QueueAttributes] as const,
  ]),
  ['loggingenabled', 'loggingEnabled'],
]);

const QUEUE_NAME = /^[A-Za-z][A-Za-z0-9-]{0,255}$/;

function invalid(where: string, detail: string): MnsConfigError {
  return new MnsConfigError({
    code: MnsErrorCodes.invalidArgument,
    fault: 'client',
    message: `${where}: ${detail}`,
  });
}

function shown(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/** Checks one attribute value (a number, or `true`/`false` for LoggingEnabled; strings are parsed). */
function attributeValue(where: string, key: keyof QueueAttributes, raw: unknown): number | boolean {
  if (key === 'loggingEnabled') {
    if (typeof raw === 'boolean') return raw;
    const t = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
    if (t === 'true' || t === 'false') return t === 'true';
    throw invalid(where, `LoggingEnabled must be true or false, got ${shown(String(raw))}`);
  }
  const [element, low, high, unit] = QUEUE_ATTRIBUTE_RANGES[key];
  const value = typeof raw === 'string' && /^\s*-?\d{1,16}\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < low || value > high) {
    throw invalid(
      where,
      `${element} must be an integer in ${low}–${high} ${unit}, got ${shown(String(raw))}`,
    );
  }
  return value;
}

function attributesOf(
  where: string,
  entries: Iterable<readonly [string, unknown]>,
): Partial<QueueAttributes> {
  const out: Record<string, number | boolean> = {};
  for (const [name, raw] of entries) {
    const key = ATTRIBUTE_KEYS.get(name.trim().toLowerCase());
    if (key === undefined) {
      throw invalid(
        where,
        `unknown queue attribute ${shown(name)} (known: DelaySeconds, MaximumMessageSize, MessageRetentionPeriod, VisibilityTimeout, PollingWaitSeconds, LoggingEnabled)`,
      );
    }
    out[key] = attributeValue(where, key, raw);
  }
  return out as Partial<QueueAttributes>;
}

function checkName(where: string, name: unknown): string {
  if (typeof name !== 'string' || !QUEUE_NAME.test(name)) {
    throw invalid(
      where,
      `queue name must be a letter, then letters, digits or '-' (at most 256), got ${shown(String(name))}`,
    );
  }
  return name;
}

/**
 * Parses `name[:Attribute=value,…]`, e.g. `vod-events:VisibilityTimeout=60,MaximumMessageSize=65536` (the form of
 * `--queue`). Attribute names are the MNS ones (case-insensitive).
 * @throws {@link MnsConfigError} (`ERR_MNS_INVALID_ARGUMENT`) naming the bad name, attribute or value.
 */
export function parseQueueSpec(text: string, where = '--queue'): MnsLocalQueueSpec {
  if (typeof text !== 'string') throw invalid(where, `must be a string, got ${typeof text}`);
  const colon = text.indexOf(':');
  const name = checkName(where, colon < 0 ? text : text.slice(0, colon));
  if (colon < 0) return { name };
  const rest = text.slice(colon + 1);
  const pairs = rest === '' ? [] : rest.split(',');
  const entries = pairs.map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw invalid(where, `expected Attribute=value, got ${shown(pair)} in ${shown(text)}`);
    return [pair.slice(0, eq), pair.slice(eq + 1)] as const;
  });
  return { name, attributes: attributesOf(where, entries) };
}

/**
 * Checks a queue given as an option: a `name[:attrs]` string or `{ name, attributes }` (attribute keys MNS-style
 * or camelCase).
 */
export function resolveQueueSpec(value: unknown, where: string): MnsLocalQueueSpec {
  if (typeof value === 'string') return parseQueueSpec(value, where);
  if (typeof value !== 'object' || value === null) {
    throw invalid(where, `must be "name[:Attribute=value,…]" or { name, attributes }, got ${String(value)}`);
  }
  const spec = value as { name?: unknown; attributes?: unknown };
  const name = checkName(where, spec.name);
  if (spec.attributes === undefined) return { name };
  if (typeof spec.attributes !== 'object' || spec.attributes === null || Array.isArray(spec.attributes)) {
    throw invalid(where, `attributes must be an object, got ${String(spec.attributes)}`);
  }
  return { name, attributes: attributesOf(where, Object.entries(spec.attributes)) };
}

/**
 * Parses a `--config` file: JSON `{ "queues": ["name:Attr=v", { "name": "…", "attributes": { "VisibilityTimeout":
 * 60 } }] }`.
 * @throws {@link MnsConfigError} naming the file and the bad entry.
 */
export function parseMnsLocalConfig(text: string, file: string): { readonly queues: MnsLocalQueueSpec[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw invalid(file, 'must be a JSON object like { "queues": ["vod-events:VisibilityTimeout=60"] }');
  }
  const unknown = Object.keys(doc).filter((k) => k !== 'queues');
  if (unknown.length > 0) throw invalid(file, `unknown key ${shown(unknown[0] as string)} (known: queues)`);
  const queues = (doc as { queues?: unknown }).queues ?? [];
  if (!Array.isArray(queues)) throw invalid(file, 'queues must be an array');
  return { queues: queues.map((q, i) => resolveQueueSpec(q, `${file}: queues[${i}]`)) };
}

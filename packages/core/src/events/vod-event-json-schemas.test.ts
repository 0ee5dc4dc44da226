import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createVodEvent } from '../testing/create-vod-event.js';
import { formatVodJsonSchema, generateVodEventJsonSchemas } from './vod-event-json-schemas.js';
import { KNOWN_VOD_EVENT_TYPES } from './vod-event-schemas.js';

const SCHEMAS = new URL('../../schemas/', import.meta.url);
const FIXTURES = new URL('../../test/fixtures/vod-events/', import.meta.url);

type Schema = Record<string, unknown>;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * A minimal validator for exactly the JSON Schema keywords the generated files use (checked below), so the test
 * proves the shipped files accept real payloads without adding a validator dependency.
 */
function validates(schema: Schema, value: unknown): boolean {
  if (schema.type !== undefined) {
    const t = typeOf(value);
    const allowed = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!allowed.some((a) => a === t || (a === 'number' && t === 'integer'))) return false;
  }
  if ('const' in schema && value !== schema.const) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  if (
    typeof schema.pattern === 'string' &&
    typeof value === 'string' &&
    !new RegExp(schema.pattern, 'u').test(value)
  )
    return false;
  if (typeof schema.minLength === 'number' && typeof value === 'string' && value.length < schema.minLength)
    return false;
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s) => validates(s as Schema, value))) return false;
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((s) => validates(s as Schema, value)).length !== 1)
    return false;
  if (schema.not !== undefined && validates(schema.not as Schema, value)) return false;
  if (
    Array.isArray(value) &&
    schema.items !== undefined &&
    !value.every((v) => validates(schema.items as Schema, v))
  )
    return false;
  if (typeOf(value) === 'object') {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in record)) return false;
    for (const [key, v] of Object.entries(record)) {
      const sub = properties[key] ?? (schema.additionalProperties as Schema | false | undefined);
      if (sub === false) return false;
      if (sub !== undefined && !validates(sub, v)) return false;
      if (schema.propertyNames !== undefined && !validates(schema.propertyNames as Schema, key)) return false;
    }
  }
  return true;
}

const KEYWORDS = new Set([
  '$schema',
  'title',
  'description',
  'examples',
  'type',
  'const',
  'enum',
  'pattern',
  'minLength',
  'anyOf',
  'oneOf',
  'not',
  'items',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'contentMediaType',
]);

function keywords(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const n of node) keywords(n, out);
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      out.add(k);
      if (k === 'properties') for (const p of Object.values(v as object)) keywords(p, out);
      else if (k !== 'enum' && k !== 'const' && k !== 'required' && k !== 'examples') keywords(v, out);
    }
  }
  return out;
}

describe('committed JSON Schema files', () => {
  const generated = generateVodEventJsonSchemas();

  it('exist for each of the 22 types plus the union, and nothing else', () => {
    const files = readdirSync(SCHEMAS)
      .filter((f) => f.endsWith('.schema.json'))
      .sort();
    expect(files).toEqual(Object.keys(generated).sort());
    expect(files).toHaveLength(23);
  });

  it.each(Object.keys(generateVodEventJsonSchemas()))(
    '%s equals freshly generated output (run `pnpm run generate:schemas` after changing a schema)',
    (file) => {
      const schema = generated[file];
      if (schema === undefined) throw new Error(file);
      expect(readFileSync(new URL(file, SCHEMAS), 'utf8')).toBe(formatVodJsonSchema(schema));
    },
  );

  it('each event schema pins EventType, lists required fields and allows extra fields', () => {
    for (const type of KNOWN_VOD_EVENT_TYPES) {
      const schema = generated[`${type}.schema.json`] as {
        properties: Record<string, { const?: string }>;
        required: string[];
        additionalProperties: unknown;
      };
      expect(schema.properties.EventType?.const).toBe(type);
      expect(schema.required).toContain('EventType');
      expect(schema.required).toContain('EventTime');
      expect(schema.additionalProperties).toEqual({});
    }
    const union = generated['vod-event.schema.json'] as { anyOf: unknown[] };
    expect(union.anyOf).toHaveLength(2);
  });

  it('uses only keywords the test validator understands', () => {
    const used = keywords(Object.values(generated), new Set());
    expect([...used].filter((k) => !KEYWORDS.has(k))).toEqual([]);
  });

  it('accept every shared fixture (per-type file and the union) and every factory event', () => {
    const union = generated['vod-event.schema.json'] as Schema;
    const payloads: unknown[] = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(new URL(f, FIXTURES), 'utf8')));
    for (const type of KNOWN_VOD_EVENT_TYPES) {
      for (const outcome of ['success', 'failure'] as const)
        payloads.push(createVodEvent(type, undefined, { seed: 4, outcome }));
    }
    for (const payload of payloads) {
      const type = (payload as { EventType: string }).EventType;
      expect(validates(generated[`${type}.schema.json`] as Schema, payload), type).toBe(true);
      expect(validates(union, payload), type).toBe(true);
    }
    expect(validates(union, { EventType: 'SomeFutureEvent', Anything: [1] })).toBe(true);
  });

  it('reject payloads parseVodEvent rejects', () => {
    const union = generated['vod-event.schema.json'] as Schema;
    const upload = createVodEvent('FileUploadComplete');
    const transcode = createVodEvent('TranscodeComplete');
    for (const bad of [
      { ...upload, Status: 7 },
      { ...upload, EventTime: '14/03/2025' },
      { ...upload, VideoId: 12 },
      { ...transcode, StreamInfos: [{ Status: 7 }] },
      { EventType: 'TranscodeComplete' },
      { EventType: '' },
      { VideoId: 'v' },
      [upload],
    ]) {
      expect(validates(union, bad), JSON.stringify(bad).slice(0, 80)).toBe(false);
    }
  });
});

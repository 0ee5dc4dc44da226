import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatVodJsonSchema, generateVodEventJsonSchemas } from './vod-event-json-schemas.js';
import { KNOWN_VOD_EVENT_TYPES } from './vod-event-schemas.js';

const SCHEMAS = new URL('../../schemas/', import.meta.url);

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
});

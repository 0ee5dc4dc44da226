import * as z from 'zod';
import { KNOWN_VOD_EVENT_TYPES, KnownVodEventSchema, VOD_EVENT_SCHEMAS } from './vod-event-schemas.js';

/** A JSON Schema document (draft 2020-12) as a plain object. */
export type VodJsonSchema = Record<string, unknown>;

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

function toJsonSchema(schema: z.ZodType): VodJsonSchema {
  // `input`: describes the wire payload (what VOD sends), which is what these files are for.
  return z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as VodJsonSchema;
}

/**
 * JSON Schema documents for every known VOD event, generated from the same zod definitions `parseVodEvent` uses,
 * keyed by file name: `<EventType>.schema.json` for each of the 22 types and `vod-event.schema.json` for the union
 * (known events, or any object whose string `EventType` is not a known name). The package ships them in
 * `schemas/`; `pnpm run generate:schemas` rewrites them and a test keeps them equal to this output.
 *
 * Not expressible in JSON Schema (checked by `parseVodEvent` only): calendar validity of `EventTime`, and the
 * contents of JSON-text fields (`Data`, `MediaContent`, … are marked `contentMediaType: application/json`).
 */
export function generateVodEventJsonSchemas(): Record<string, VodJsonSchema> {
  const out: Record<string, VodJsonSchema> = {};
  for (const type of KNOWN_VOD_EVENT_TYPES) {
    const generated = toJsonSchema(VOD_EVENT_SCHEMAS[type]);
    const { $schema: _ignored, ...body } = generated;
    out[`${type}.schema.json`] = {
      $schema: DRAFT,
      title: `${type}Event`,
      description: `ApsaraVideo VOD event notification ${type} (flat JSON object; unknown fields allowed).`,
      ...body,
    };
  }
  const known = toJsonSchema(KnownVodEventSchema);
  const { $schema: _ignored, ...knownBody } = known;
  out['vod-event.schema.json'] = {
    $schema: DRAFT,
    title: 'VodEvent',
    description:
      'Any ApsaraVideo VOD event notification: one of the 22 documented event types, or an object with a string EventType not among them (kept as an unknown event).',
    anyOf: [
      knownBody,
      {
        type: 'object',
        properties: {
          EventType: { type: 'string', minLength: 1, not: { enum: [...KNOWN_VOD_EVENT_TYPES] } },
        },
        required: ['EventType'],
        additionalProperties: {},
      },
    ],
  };
  return out;
}

/** The exact text of a generated schema file: 2-space JSON plus a final newline. */
export function formatVodJsonSchema(schema: VodJsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

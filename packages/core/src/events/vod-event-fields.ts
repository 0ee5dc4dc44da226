import * as z from 'zod';
import { collectIssues } from './vod-event-issues.js';
import type { VodEventIssue } from './vod-event-parse-error.js';
import { isVodTimestamp } from './vod-time.js';

/**
 * The timestamp forms VOD uses for `EventTime`: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` and the documented colon form
 * `…:ss:SSSZ` (docs/vod-events.md §1.5). A numeric offset (`+08:00`) is tolerated in place of `Z`.
 */
export const VOD_TIMESTAMP_PATTERN: RegExp =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[.:]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})$/;

/** A decimal number written as a string (`"925"`, `"212.48"`, `"-1"`). */
export const VOD_NUMERIC_STRING_PATTERN: RegExp = /^-?\d+(?:\.\d+)?$/;

/**
 * `EventTime`: UTC timestamp in one of the forms of {@link VOD_TIMESTAMP_PATTERN}, naming a real date and time. One
 * hand-written check (`isVodTimestamp`) does the work; the pattern is attached as metadata so the JSON Schema
 * files carry it.
 */
export const vodTimestampField = z
  .string()
  .superRefine((text, ctx) => {
    if (isVodTimestamp(text)) return;
    ctx.addIssue({
      code: 'custom',
      input: text,
      message: VOD_TIMESTAMP_PATTERN.test(text)
        ? 'expected a real calendar date and time'
        : `expected a UTC timestamp like 2025-03-14T02:31:08Z, received ${JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text)}`,
    });
  })
  .meta({ pattern: VOD_TIMESTAMP_PATTERN.source })
  .describe('UTC time: yyyy-MM-ddTHH:mm:ssZ, yyyy-MM-ddTHH:mm:ss.SSSZ or yyyy-MM-ddTHH:mm:ss:SSSZ');

/** A time field other than `EventTime` (`StartTime`, `CreationTime`, …): UTC `yyyy-MM-ddTHH:mm:ssZ`, kept as text. */
export function timeField(description: string) {
  return z.string().describe(`${description} (UTC, yyyy-MM-ddTHH:mm:ssZ)`);
}

/**
 * A documented vocabulary that VOD may extend (status words, storage classes, media types, …). Any string is
 * accepted at runtime — a new value must never turn a whole event into a poison message (docs/vod-events.md §5.6, §8: "everything
 * else is a failure … but keep the raw value") — while the TypeScript type keeps the documented literals for
 * completion and narrowing. The JSON Schema files list the documented values as `examples`.
 */
export function openEnumField<const V extends readonly [string, ...string[]]>(
  values: V,
  description: string,
) {
  return z
    .string()
    .meta({ examples: [...values] })
    .describe(
      `${description} (documented: ${values.join(' / ')}; other values are kept)`,
    ) as unknown as z.ZodType<V[number] | (string & {})>;
}

/** Lower-case vocabulary used by most events (docs/vod-events.md §5.2). Unknown words normalise to `failure`. */
export const lowerStatusField = openEnumField(['success', 'fail'], 'Outcome');
/** Capitalised vocabulary of the storage-class and restore events (docs/vod-events.md §5.2). */
export const capitalStatusField = openEnumField(['Success', 'Failed'], 'Outcome');
/** Vocabulary of `WorkflowTaskComplete` (docs/vod-events.md §5.2). */
export const workflowStatusField = openEnumField(['Succeed', 'Failed'], 'Outcome');

/** A field documented as a number whose samples disagree and show a numeric string (docs/vod-events.md §5.4). */
export function numberOrNumericStringField(description: string) {
  return z
    .union([z.number(), z.string().regex(VOD_NUMERIC_STRING_PATTERN, 'expected a numeric string')])
    .describe(`${description} (number; samples also show a numeric string)`);
}

/** A number that some AI results print as a string (scores, timestamps). */
export const looseNumberField = z.union([z.number(), z.string()]);

/** Plain string with a description. */
export function stringField(description: string) {
  return z.string().describe(description);
}

/**
 * A field VOD documents as a JSON string but sometimes sends as a nested object (docs/vod-events.md §5.3): accepts the object, or
 * a string. A string that parses as JSON must match `objectSchema` (problems are reported under the field's path);
 * a string that is not JSON at all is kept verbatim (a 2021 doc sample contained raw newlines), and
 * {@link decodeVodJsonField} then returns `undefined` for it.
 */
export function jsonObjectOrStringField<T extends z.ZodType>(objectSchema: T, description: string) {
  let compiled: z.ZodType | undefined; // compiled on first use: keeps importing the package cheap
  const asString = z
    .string()
    .superRefine((text, ctx) => {
      let decoded: unknown;
      try {
        decoded = JSON.parse(text);
      } catch {
        return;
      }
      compiled ??= z.compile(objectSchema);
      const result = compiled.safeParse(decoded, { reportInput: true });
      if (result.success) return;
      const found: VodEventIssue[] = [];
      collectIssues(result.error.issues, [], found);
      for (const issue of found) {
        ctx.addIssue({
          code: 'custom',
          message: `in the JSON text at ${issue.path || '(root)'}: ${issue.message}`,
        });
      }
    })
    .meta({ contentMediaType: 'application/json' });
  return z
    .union([objectSchema, asString])
    .describe(`${description} (object, or the same object as JSON text)`);
}

/**
 * Decodes a field that may be an object or JSON text (`Data`, `DynamicImageJobInfo`, `MediaContent`,
 * `FilterPolicy`, `ActivityResults`, `TaskInput`). Objects are returned as they are; JSON text is parsed (it was
 * validated by `parseVodEvent`). Returns `undefined` when the field is absent or its text is not JSON.
 */
export function decodeVodJsonField<T>(value: T | string | undefined): Exclude<T, string> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return value as Exclude<T, string>;
  try {
    return JSON.parse(value) as Exclude<T, string>;
  } catch {
    return undefined;
  }
}

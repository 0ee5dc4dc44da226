import { Buffer } from 'node:buffer';
import * as z from 'zod';
import { MnsErrorCodes } from '../errors/error-codes.js';
import { MnsConfigError } from '../errors/mns-error.js';
import { err, ok, type Result } from '../result.js';
import type { VodEvent } from './vod-event.js';
import {
  type VodEventErrorCode,
  VodEventErrorCodes,
  type VodEventIssue,
  VodEventParseError,
} from './vod-event-parse-error.js';
import { collectIssues, describeValue } from './vod-event-issues.js';
import { VOD_EVENT_SCHEMAS, type VodEventType } from './vod-event-schemas.js';

/** Options of {@link parseVodEvent}. */
export interface ParseVodEventOptions {
  /**
   * Longest accepted input, in UTF-16 code units for text and bytes for binary input. Longer inputs are rejected
   * with `ERR_VOD_EVENT_TOO_LARGE` before any decoding. An MNS message is at most 64 KiB (≈ 87 KiB as base64); HTTP
   * callbacks carrying AI results can be larger. Positive integer or `Infinity`.
   * @defaultValue 4194304 (4 MiB)
   */
  readonly maxInputLength?: number;
}

/** Defaults of {@link ParseVodEventOptions}. */
export const DEFAULT_PARSE_VOD_EVENT_OPTIONS: Readonly<Required<ParseVodEventOptions>> = Object.freeze({
  maxInputLength: 4 * 1024 * 1024,
});

/**
 * Validates {@link ParseVodEventOptions} eagerly and fills defaults.
 * @throws {@link MnsConfigError} (`ERR_MNS_INVALID_ARGUMENT`) naming the bad field and value.
 */
export function resolveParseVodEventOptions(
  options?: ParseVodEventOptions,
): Readonly<Required<ParseVodEventOptions>> {
  if (options === undefined) return DEFAULT_PARSE_VOD_EVENT_OPTIONS;
  const maxInputLength = options.maxInputLength ?? DEFAULT_PARSE_VOD_EVENT_OPTIONS.maxInputLength;
  if (
    typeof maxInputLength !== 'number' ||
    !(maxInputLength === Number.POSITIVE_INFINITY || (Number.isInteger(maxInputLength) && maxInputLength > 0))
  ) {
    throw new MnsConfigError({
      code: MnsErrorCodes.invalidArgument,
      fault: 'client',
      message: `maxInputLength must be a positive integer or Infinity, got ${String(maxInputLength)}`,
    });
  }
  return Object.freeze({ maxInputLength });
}

type AnySchema = (typeof VOD_EVENT_SCHEMAS)[VodEventType];
const compiled = new Map<string, AnySchema>();
const knownTypes = new Set<string>(Object.keys(VOD_EVENT_SCHEMAS));

/** Compiles a known type's schema on first use (zod's ahead-of-time fast path), so importing stays cheap. */
function schemaFor(type: string): AnySchema | undefined {
  let schema = compiled.get(type);
  if (schema === undefined && knownTypes.has(type)) {
    schema = z.compile(VOD_EVENT_SCHEMAS[type as VodEventType]) as AnySchema;
    compiled.set(type, schema);
  }
  return schema;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
// Base64 (standard or URL-safe alphabet), optionally wrapped over lines; Node's decoder skips the whitespace.
const BASE64_PATTERN = /^[A-Za-z0-9+/_\-\s]+={0,2}\s*$/;

/**
 * Parses one VOD event notification — an HTTP callback body or an MNS message body — into a typed, validated
 * {@link VodEvent}. Never throws for any input.
 *
 * Accepts:
 * - JSON text (`{"EventType":…}`), with or without a byte-order mark;
 * - base64 of UTF-8 JSON text (MNS bodies, depending on the queue/client settings): tried only when the text is
 *   not a JSON object, so a real JSON body is never mis-decoded;
 * - UTF-8 bytes (`Uint8Array`/`Buffer`/`ArrayBuffer`) of either;
 * - an already-decoded object.
 *
 * Result:
 * - a known `EventType` is validated against its documented schema; every problem is reported with its path
 *   (`ERR_VOD_EVENT_SCHEMA`);
 * - an unknown `EventType` string is not an error: it yields an `UnknownVodEvent` with every field;
 * - a missing, empty or non-string `EventType` is `ERR_VOD_EVENT_MISSING_TYPE`.
 *
 * The event is the wire object: field names as sent (surrounding spaces trimmed from keys, docs/vod-events.md §5.5 — the exact
 * name wins if both exist), values verbatim, unknown fields kept, `__proto__` keys dropped. Normalised views are
 * functions: `vodEventTime`, `vodEventStatus`, `vodEventMediaId`, `vodFileUrl`, `vodCoverUrl`, `vodEventExtend`,
 * `vodEventError`, `decodeVodJsonField`, `vodNumber`.
 *
 * @param input - text, bytes or an object.
 * @param options - see {@link ParseVodEventOptions}; invalid options throw {@link MnsConfigError}.
 */
export function parseVodEvent(
  input: unknown,
  options?: ParseVodEventOptions,
): Result<VodEvent, VodEventParseError> {
  const { maxInputLength } =
    options === undefined ? DEFAULT_PARSE_VOD_EVENT_OPTIONS : resolveParseVodEventOptions(options);
  try {
    return parseInput(input, maxInputLength);
  } catch (cause) {
    // Only hostile objects get here (a throwing getter, a Proxy trap, a revoked Proxy): text never throws.
    return err(
      new VodEventParseError(
        VodEventErrorCodes.unreadable,
        [{ path: '', message: `reading the input object threw: ${errorText(cause)}` }],
        undefined,
        cause,
      ),
    );
  }
}

function parseInput(input: unknown, maxInputLength: number): Result<VodEvent, VodEventParseError> {
  let value: unknown = input;
  const payload = input instanceof ArrayBuffer ? new Uint8Array(input) : input;
  if (typeof payload === 'string' || payload instanceof Uint8Array) {
    const decoded = decodePayload(payload, maxInputLength);
    if (!decoded.ok) return decoded;
    value = decoded.value;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(VodEventErrorCodes.notObject, '', `expected a JSON object, received ${describeValue(value)}`);
  }
  return validate(value as Record<string, unknown>);
}

function validate(raw: Record<string, unknown>): Result<VodEvent, VodEventParseError> {
  const record = trimKeys(raw);
  const type = record.EventType;
  if (typeof type !== 'string' || type === '') {
    return fail(
      VodEventErrorCodes.missingType,
      'EventType',
      type === undefined
        ? 'missing (expected a string)'
        : `expected a non-empty string, received ${describeValue(type)}`,
    );
  }
  const schema = schemaFor(type);
  if (schema === undefined) return ok(copyFields(record) as VodEvent);
  const result = schema.safeParse(record, { reportInput: true });
  if (result.success) return ok(result.data as VodEvent);
  const issues: VodEventIssue[] = [];
  collectIssues(result.error.issues, [], issues);
  return err(new VodEventParseError(VodEventErrorCodes.schema, issues, type));
}

function decodePayload(
  input: string | Uint8Array,
  maxInputLength: number,
): Result<unknown, VodEventParseError> {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > maxInputLength) {
    return fail(
      VodEventErrorCodes.tooLarge,
      '',
      `input is ${size} long, more than maxInputLength ${maxInputLength}`,
    );
  }
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = utf8.decode(input);
    } catch {
      return fail(VodEventErrorCodes.invalidJson, '', 'bytes are not valid UTF-8');
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Fast path: a JSON object starts with `{` (after whitespace), which base64 never contains — one JSON.parse.
  // Otherwise try base64 first: a failed JSON.parse throws, and throwing costs more than the whole validation.
  // Equivalent to "JSON first": only text starting with `{` can be a JSON object.
  const first = firstNonSpace(text);
  if (first === 0x7b) {
    try {
      return ok(JSON.parse(text));
    } catch (cause) {
      return fail(VodEventErrorCodes.invalidJson, '', `not valid JSON (${errorText(cause)})`);
    }
  }
  const fromBase64 = decodeBase64Json(text);
  if (fromBase64.found) return ok(fromBase64.value);
  try {
    return ok(JSON.parse(text)); // a JSON non-object: reported as ERR_VOD_EVENT_NOT_OBJECT by the caller
  } catch (cause) {
    return fail(
      VodEventErrorCodes.invalidJson,
      '',
      `neither JSON nor base64 of UTF-8 JSON (${errorText(cause)}${fromBase64.reason ? `; base64: ${fromBase64.reason}` : ''})`,
    );
  }
}

function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 10 && code !== 13 && code !== 9) return code;
  }
  return -1;
}

function decodeBase64Json(text: string): { found: true; value: unknown } | { found: false; reason: string } {
  if (text.length < 4 || !BASE64_PATTERN.test(text)) return { found: false, reason: '' };
  let decoded: string;
  try {
    decoded = utf8.decode(Buffer.from(text, 'base64'));
  } catch {
    return { found: false, reason: 'decoded bytes are not valid UTF-8' };
  }
  if (decoded.charCodeAt(0) === 0xfeff) decoded = decoded.slice(1);
  try {
    return { found: true, value: JSON.parse(decoded) };
  } catch (cause) {
    return { found: false, reason: `decoded text is not JSON: ${errorText(cause)}` };
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0x3000;
}

/** Trims surrounding whitespace from keys (doc samples carry `"SourceURL "`); returns the input when none has any. */
function trimKeys(record: Record<string, unknown>): Record<string, unknown> {
  let needed = false;
  for (const key of Object.keys(record)) {
    if (key.length > 0 && (isSpace(key.charCodeAt(0)) || isSpace(key.charCodeAt(key.length - 1)))) {
      needed = true;
      break;
    }
  }
  if (!needed) return record;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const name = key.trim();
    if (name === '__proto__') continue;
    if (name !== key && Object.hasOwn(record, name)) continue;
    out[name] = record[key];
  }
  return out;
}

/** Own enumerable fields of an unknown event, without `__proto__` (as zod does for known events). */
function copyFields(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (key === '__proto__') continue;
    out[key] = record[key];
  }
  return out;
}

function fail(
  code: VodEventErrorCode,
  path: string,
  message: string,
): { ok: false; error: VodEventParseError } {
  return err(new VodEventParseError(code, [{ path, message }]));
}

function errorText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

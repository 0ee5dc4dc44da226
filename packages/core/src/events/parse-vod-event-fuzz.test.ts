import { Buffer } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createVodEvent } from '../testing/create-vod-event.js';
import { isKnownVodEvent } from './is-vod-event.js';
import { parseVodEvent } from './parse-vod-event.js';
import { createSeededRandom, type SeededRandom } from '../testing/seeded-random.js';
import {
  vodCoverUrl,
  vodEventError,
  vodEventExtend,
  vodEventMediaId,
  vodEventStatus,
  vodEventTime,
  vodFileUrl,
} from './vod-event-accessors.js';
import { vodEventFingerprint } from './vod-event-fingerprint.js';
import { VodEventErrorCodes, VodEventParseError } from './vod-event-parse-error.js';
import { KNOWN_VOD_EVENT_TYPES } from './vod-event-schemas.js';

const FIXTURES = new URL('../../test/fixtures/vod-events/', import.meta.url);
const CODES = new Set<string>(Object.values(VodEventErrorCodes));
const CASES = 10_000;

const seeds: string[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => readFileSync(new URL(f, FIXTURES), 'utf8'));
for (const type of KNOWN_VOD_EVENT_TYPES) {
  seeds.push(JSON.stringify(createVodEvent(type, undefined, { seed: 7 })));
  seeds.push(JSON.stringify(createVodEvent(type, undefined, { seed: 8, outcome: 'failure' })));
}

const ODD_STRINGS = [
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  'NaN',
  'null',
  'success',
  'Failed',
  '__proto__',
  '{',
  '\u0000',
  '\ud800',
  '🎬',
  'x'.repeat(300),
];

function randomScalar(r: SeededRandom): unknown {
  switch (r.int(0, 7)) {
    case 0:
      return r.int(-1e6, 1e6);
    case 1:
      return r.next() * 1e20;
    case 2:
      return r.chance(0.5);
    case 3:
      return null;
    case 4:
      return r.pick(ODD_STRINGS);
    case 5:
      return r.hex(r.int(0, 40));
    case 6:
      return Number.MAX_SAFE_INTEGER + r.int(0, 10);
    default:
      return String.fromCharCode(...Array.from({ length: r.int(0, 12) }, () => r.int(0, 0xffff)));
  }
}

function randomJson(r: SeededRandom, depth: number): unknown {
  if (depth <= 0 || r.chance(0.4)) return randomScalar(r);
  if (r.chance(0.5)) return Array.from({ length: r.int(0, 4) }, () => randomJson(r, depth - 1));
  const out: Record<string, unknown> = {};
  for (let i = r.int(0, 5); i > 0; i--)
    out[r.chance(0.3) ? r.pick(['EventType', 'Status', 'VideoId', 'Data', '__proto__']) : r.hex(4)] =
      randomJson(r, depth - 1);
  return out;
}

function nest(r: SeededRandom, value: unknown): unknown {
  let out = value;
  const depth = r.int(10, 400);
  for (let i = 0; i < depth; i++) out = r.chance(0.5) ? [out] : { n: out };
  return out;
}

/** Paths of every object member in a JSON value (for type swaps / deletions). */
function memberPaths(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) memberPaths(v, [...prefix, i], out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([...prefix, k]);
      memberPaths(v, [...prefix, k], out);
    }
  }
  return out;
}

function setAt(
  root: unknown,
  path: (string | number)[],
  update: (container: Record<string | number, unknown>, key: string | number) => void,
): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last !== undefined) update(node, last);
}

function mutateStructure(r: SeededRandom, text: string): unknown {
  const value = JSON.parse(text) as Record<string, unknown>;
  const paths = memberPaths(value);
  const path = r.pick(paths);
  switch (r.int(0, 6)) {
    case 0: // type swap
      setAt(value, path, (c, k) => {
        c[k] = randomJson(r, 2);
      });
      break;
    case 1: // delete
      setAt(value, path, (c, k) => {
        delete c[k];
      });
      break;
    case 2: // deep nesting
      setAt(value, path, (c, k) => {
        c[k] = nest(r, c[k]);
      });
      break;
    case 3: // EventType swap
      value.EventType = r.chance(0.7) ? r.pick(KNOWN_VOD_EVENT_TYPES) : randomScalar(r);
      break;
    case 4: // key noise
      setAt(value, path, (c, k) => {
        const v = c[k];
        delete c[k];
        c[r.pick([`${k} `, ` ${k}`, `${k}\t`, '__proto__', 'constructor', String(k).toLowerCase()])] = v;
      });
      break;
    case 5: // JSON text where objects are expected, and vice versa
      setAt(value, path, (c, k) => {
        const v = c[k];
        c[k] =
          typeof v === 'string' ? (r.chance(0.5) ? randomJson(r, 3) : `${v}}`) : JSON.stringify(v ?? null);
      });
      break;
    default: // several random extra members
      for (let i = r.int(1, 5); i > 0; i--) value[r.hex(5)] = randomJson(r, 3);
  }
  return value;
}

function mutateText(r: SeededRandom, text: string): string {
  switch (r.int(0, 4)) {
    case 0:
      return text.slice(0, r.int(0, text.length));
    case 1: {
      const chars = text.split('');
      for (let i = r.int(1, 8); i > 0; i--)
        chars[r.int(0, chars.length - 1)] = String.fromCharCode(r.int(0, 0x7f));
      return chars.join('');
    }
    case 2: {
      const at = r.int(0, text.length);
      return (
        text.slice(0, at) + r.pick(['{', '}', '"', ',', '\\', '\u0000', ':', '[', 'e9', ' ']) + text.slice(at)
      );
    }
    case 3:
      return text.replace(/"[A-Za-z]+":/, (m) => (r.chance(0.5) ? `${m.slice(0, -2)} ":` : `"__proto__":`));
    default:
      return ` \n\t${text}\r\n `;
  }
}

function generate(r: SeededRandom): unknown {
  const text = r.pick(seeds);
  switch (r.int(0, 9)) {
    case 0:
      return mutateText(r, text);
    case 1:
      return Buffer.from(mutateText(r, text)).toString('base64');
    case 2: {
      const b64 = Buffer.from(text).toString('base64');
      return b64.slice(0, r.int(0, b64.length));
    }
    case 3:
      return JSON.stringify(mutateStructure(r, text));
    case 4:
      return mutateStructure(r, text);
    case 5:
      return Buffer.from(JSON.stringify(mutateStructure(r, text))).toString('base64');
    case 6:
      return r.chance(0.5) ? JSON.stringify(randomJson(r, 4)) : randomJson(r, 4);
    case 7:
      return new Uint8Array(Array.from({ length: r.int(0, 64) }, () => r.int(0, 255)));
    case 8:
      return String.fromCharCode(...Array.from({ length: r.int(0, 80) }, () => r.int(0, 0xffff)));
    default:
      return r.chance(0.5) ? text : Buffer.from(text).toString('base64');
  }
}

/** Plain check (expect() per case would dominate the run time); names the failing case. */
function check(condition: boolean, index: number, what: string): void {
  if (!condition) throw new Error(`fuzz case ${index}: ${what}`);
}

describe('parseVodEvent fuzz', () => {
  it(`never throws and always returns a Result (${CASES} seeded cases)`, () => {
    const r = createSeededRandom(20251125);
    let valid = 0;
    let known = 0;
    const codes = new Map<string, number>();
    for (let i = 0; i < CASES; i++) {
      const input = generate(r);
      let result: ReturnType<typeof parseVodEvent>;
      try {
        result = parseVodEvent(input);
      } catch (cause) {
        throw new Error(
          `case ${i} threw: ${String(cause)}; input: ${String(typeof input === 'string' ? input.slice(0, 300) : typeof input)}`,
        );
      }
      check(typeof result.ok === 'boolean', i, 'result.ok is not a boolean');
      if (result.ok) {
        valid += 1;
        const event = result.value;
        check(typeof event.EventType === 'string', i, 'EventType is not a string');
        // accessors and the fingerprint never throw on a parsed event
        vodEventMediaId(event);
        vodEventStatus(event);
        vodEventExtend(event);
        vodEventError(event);
        vodFileUrl(event);
        vodCoverUrl(event);
        check(typeof vodEventFingerprint(event) === 'string', i, 'fingerprint is not a string');
        if (isKnownVodEvent(event)) {
          known += 1;
          check(vodEventTime(event) instanceof Date, i, 'known event without a Date EventTime');
        }
      } else {
        const error = result.error;
        check(error instanceof VodEventParseError, i, 'error is not a VodEventParseError');
        check(CODES.has(error.code), i, `unknown code ${error.code}`);
        check(error.issues.length > 0 && typeof error.message === 'string', i, 'error without issues');
        codes.set(error.code, (codes.get(error.code) ?? 0) + 1);
      }
    }
    // the generator really exercises both sides and every decoding error class
    expect(valid).toBeGreaterThan(CASES * 0.1);
    expect(known).toBeGreaterThan(CASES * 0.05);
    for (const code of [
      'ERR_VOD_EVENT_INVALID_JSON',
      'ERR_VOD_EVENT_NOT_OBJECT',
      'ERR_VOD_EVENT_MISSING_TYPE',
      'ERR_VOD_EVENT_SCHEMA',
    ]) {
      expect(codes.get(code) ?? 0).toBeGreaterThan(20);
    }
  }, 60_000); // generous: CPU-bound, deterministic, and slow only on a loaded machine
});

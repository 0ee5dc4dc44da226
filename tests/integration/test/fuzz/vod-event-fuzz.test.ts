// Fuzz: `parseVodEvent` on hostile message bodies (text, bytes, base64, mutated events) and hostile objects
// (throwing getters, Proxies, cycles, prototype-pollution keys). It must return a Result for every input —
// `ok` with a string EventType, or `err` with a typed VodEventParseError carrying a known code — and never
// throw, hang or pollute Object.prototype.
import { isVodEventParseError, parseVodEvent, VodEventErrorCodes } from '@vodmns/core';
import { describe, expect, it } from 'vitest';
import { chaosProfile } from '../../chaos/chaos-profile.js';
import { hostileEventBody, randomJsonValue, VOD_EVENT_SEEDS } from '../../chaos/fuzz-generators.js';
import { recordSummary } from '../../chaos/run-summary.js';
import { chaosSeed, SeededRandom } from '../../chaos/seeded-random.js';

const profile = chaosProfile();
const SEED = chaosSeed(0x5eed_0002);
const KNOWN_CODES = new Set<string>(Object.values(VodEventErrorCodes));

function hostileObject(rng: SeededRandom): unknown {
  const base = { ...(rng.pick(VOD_EVENT_SEEDS) as Record<string, unknown>) };
  switch (rng.int(0, 7)) {
    case 0:
      Object.defineProperty(base, 'Status', {
        enumerable: true,
        get() {
          throw new Error('getter exploded');
        },
      });
      return base;
    case 1:
      return new Proxy(base, {
        get() {
          throw new Error('proxy get trap');
        },
        ownKeys() {
          throw new Error('proxy ownKeys trap');
        },
      });
    case 2: {
      const cyclic: Record<string, unknown> = { ...base };
      cyclic.StreamInfos = [cyclic];
      cyclic.Extend = cyclic;
      return cyclic;
    }
    case 3:
      return JSON.parse(
        `{"EventType":"FileUploadComplete","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`,
      );
    case 4:
      return Object.create(null, { EventType: { value: 'FileUploadComplete', enumerable: true } });
    case 5: {
      let deep: unknown = base;
      for (let i = 0; i < rng.int(100, 1200); i++)
        deep = { EventType: 'TranscodeComplete', StreamInfos: [deep] };
      return deep;
    }
    case 6:
      return rng.pick([
        null,
        undefined,
        0,
        Number.NaN,
        Symbol('x'),
        () => 1,
        [],
        [base],
        new Date(0),
        new Map(),
        10n,
      ]);
    default:
      return randomJsonValue(rng, 4);
  }
}

describe('fuzz: parseVodEvent', () => {
  it(
    `returns a Result for ${profile.fuzz.event} hostile inputs (seed ${SEED})`,
    () => {
      const rng = new SeededRandom(SEED);
      const outcomes = new Map<string, number>();
      let slowestMs = 0;
      const start = performance.now();
      for (let i = 0; i < profile.fuzz.event; i++) {
        const kind = rng.int(0, 9);
        let input: unknown;
        if (kind < 6) input = hostileEventBody(rng);
        else if (kind < 8) input = Buffer.from(hostileEventBody(rng), rng.chance(0.5) ? 'utf8' : 'latin1');
        else input = hostileObject(rng);
        const t0 = performance.now();
        let result: ReturnType<typeof parseVodEvent>;
        try {
          result = parseVodEvent(input);
        } catch (error) {
          throw new Error(
            `case ${i} (seed ${SEED}) threw ${String(error)} for ${typeof input === 'string' ? JSON.stringify(input.slice(0, 300)) : typeof input}`,
          );
        }
        slowestMs = Math.max(slowestMs, performance.now() - t0);
        if (result.ok) {
          if (typeof result.value.EventType !== 'string' || result.value.EventType === '')
            throw new Error(`case ${i}: ok without an EventType`);
          outcomes.set('ok', (outcomes.get('ok') ?? 0) + 1);
        } else {
          const e = result.error;
          if (!isVodEventParseError(e) || !KNOWN_CODES.has(e.code) || e.issues.length === 0)
            throw new Error(`case ${i}: untyped failure ${String(e)}`);
          // the error must render without throwing (logs do this)
          JSON.stringify(e);
          String(e);
          outcomes.set(e.code, (outcomes.get(e.code) ?? 0) + 1);
        }
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(outcomes.get('ok') ?? 0).toBeGreaterThan(0);
      expect(outcomes.get(VodEventErrorCodes.schema) ?? 0).toBeGreaterThan(0);
      expect(outcomes.get(VodEventErrorCodes.invalidJson) ?? 0).toBeGreaterThan(0);
      expect(slowestMs).toBeLessThan(2000);
      recordSummary(profile.name, 'fuzzVodEvent', {
        seed: SEED,
        cases: profile.fuzz.event,
        outcomes: Object.fromEntries(outcomes),
        thrown: 0,
        slowestCaseMs: Math.round(slowestMs),
        runtimeMs: Math.round(performance.now() - start),
      });
    },
    profile.testTimeoutMs,
  );

  it('still parses every seed event after the fuzz run (no shared state was corrupted)', () => {
    for (const seed of VOD_EVENT_SEEDS) {
      const r = parseVodEvent(JSON.stringify(seed));
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
  });
});

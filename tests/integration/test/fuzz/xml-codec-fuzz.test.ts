// Fuzz: the shared XML codec (`parseXmlDocument`) on documents mutated from valid MNS responses. It must either
// return one root element or throw its typed `XmlSyntaxError` — never another exception, never a hang, and
// never an entity expansion out of proportion to the input.
import { parseXmlDocument, XmlSyntaxError, type XmlNode } from '@vodmns/mns-transport/codec';
import { describe, expect, it } from 'vitest';
import { chaosProfile } from '../../chaos/chaos-profile.js';
import { hostileXml, MNS_XML_SEEDS } from '../../chaos/fuzz-generators.js';
import { recordSummary } from '../../chaos/run-summary.js';
import { chaosSeed, SeededRandom } from '../../chaos/seeded-random.js';

const profile = chaosProfile();
const SEED = chaosSeed(0x5eed_0001);

function textSize(node: XmlNode | XmlNode[]): number {
  if (typeof node === 'string') return node.length;
  if (Array.isArray(node)) return node.reduce((n, c) => n + textSize(c), 0);
  let n = 0;
  for (const [k, v] of Object.entries(node)) n += k.length + textSize(v);
  return n;
}

describe('fuzz: parseXmlDocument', () => {
  it('keeps text and CDATA sections in document order (XML 1.0 §2.7)', () => {
    // found by the scanner-vs-generic differential fuzz: mixed text + CDATA content must read in order
    const doc = parseXmlDocument('<Message><MessageBody>AB<![CDATA[<x>&]]>CD</MessageBody></Message>');
    expect(doc.node).toEqual({ MessageBody: 'AB<x>&CD' });
  });

  it('parses every seed document', () => {
    for (const doc of MNS_XML_SEEDS) expect(typeof parseXmlDocument(doc).root).toBe('string');
  });

  it(
    `returns a document or throws XmlSyntaxError for ${profile.fuzz.xml} mutated documents (seed ${SEED})`,
    () => {
      const rng = new SeededRandom(SEED);
      let parsed = 0;
      let rejected = 0;
      let slowestMs = 0;
      const start = performance.now();
      for (let i = 0; i < profile.fuzz.xml; i++) {
        const doc = hostileXml(rng);
        const t0 = performance.now();
        try {
          const result = parseXmlDocument(doc);
          if (typeof result.root !== 'string' || result.root.length === 0)
            throw new Error(`case ${i}: no root name for ${JSON.stringify(doc.slice(0, 300))}`);
          // no entity expansion beyond the input (billion-laughs gadgets are in the corpus)
          if (textSize(result.node) > doc.length * 2 + 1024)
            throw new Error(`case ${i}: output larger than input for ${JSON.stringify(doc.slice(0, 300))}`);
          parsed++;
        } catch (error) {
          if (!(error instanceof XmlSyntaxError)) {
            throw new Error(
              `case ${i} (seed ${SEED}) threw ${String(error)} for ${JSON.stringify(doc.slice(0, 300))}`,
            );
          }
          rejected++;
        }
        slowestMs = Math.max(slowestMs, performance.now() - t0);
      }
      expect(parsed + rejected).toBe(profile.fuzz.xml);
      expect(rejected).toBeGreaterThan(profile.fuzz.xml / 10);
      expect(parsed).toBeGreaterThan(0);
      // a single document must never take seconds (pathological backtracking / expansion)
      expect(slowestMs).toBeLessThan(2000);
      recordSummary(profile.name, 'fuzzXmlCodec', {
        seed: SEED,
        cases: profile.fuzz.xml,
        parsed,
        rejectedWithXmlSyntaxError: rejected,
        otherExceptions: 0,
        slowestCaseMs: Math.round(slowestMs),
        runtimeMs: Math.round(performance.now() - start),
      });
    },
    profile.testTimeoutMs,
  );
});

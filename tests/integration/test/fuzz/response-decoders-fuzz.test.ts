// Fuzz: the client's response decoding — the document decoder (specialised scanner + generic fallback) and every
// per-operation decoder — on documents mutated from valid MNS responses. Each must return a value or throw its
// typed error (XmlSyntaxError / ResponseShapeError); the scanner and the generic parser must agree whenever the
// scanner accepts a document. Then the same garbage over a real HTTP connection: MnsClient must reject with a
// typed MnsError (or resolve), never anything else.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMnsError } from '@vodmns/core';
import { MnsClient } from '@vodmns/mns-transport';
import {
  decodeBatchDeleteErrors,
  decodeBatchSendResults,
  decodeChangeVisibility,
  decodeErrorDocument,
  decodeMnsDocument,
  decodeMnsDocumentGeneric,
  decodePeekedMessage,
  decodePeekedMessages,
  decodeQueueAttributes,
  decodeQueueList,
  decodeReceivedMessage,
  decodeReceivedMessages,
  decodeSendResult,
  type MnsDocument,
  ResponseShapeError,
  scanMnsDocument,
  XmlSyntaxError,
} from '@vodmns/mns-transport/codec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chaosProfile } from '../../chaos/chaos-profile.js';
import { hostileXml, MNS_XML_SEEDS } from '../../chaos/fuzz-generators.js';
import { recordSummary } from '../../chaos/run-summary.js';
import { SecretScanner } from '../../chaos/secret-scanner.js';
import { chaosSeed, SeededRandom } from '../../chaos/seeded-random.js';

const profile = chaosProfile();
const SEED = chaosSeed(0x5eed_5001);

const DECODERS: readonly [string, (doc: MnsDocument) => unknown][] = [
  ['decodeReceivedMessage', decodeReceivedMessage],
  ['decodeReceivedMessages', decodeReceivedMessages],
  ['decodePeekedMessage', decodePeekedMessage],
  ['decodePeekedMessages', decodePeekedMessages],
  ['decodeSendResult', decodeSendResult],
  ['decodeBatchSendResults', (d) => decodeBatchSendResults(d, 2)],
  ['decodeBatchDeleteErrors', decodeBatchDeleteErrors],
  ['decodeChangeVisibility', decodeChangeVisibility],
  ['decodeQueueAttributes', decodeQueueAttributes],
  ['decodeQueueList', decodeQueueList],
  ['decodeErrorDocument', decodeErrorDocument],
];

/** Every number in a decoded value must be finite (no NaN from `Number('')`), recursively. */
function nonFiniteNumber(value: unknown, path = ''): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path || '(value)';
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const bad = nonFiniteNumber(v, `${path}.${k}`);
      if (bad !== undefined) return bad;
    }
  }
  return undefined;
}

describe(`fuzz: response decoders (${profile.fuzz.decoders} documents, seed ${SEED})`, () => {
  it(
    'decode or throw XmlSyntaxError / ResponseShapeError, never anything else; numbers stay finite',
    () => {
      const rng = new SeededRandom(SEED);
      const start = performance.now();
      let documents = 0;
      let syntaxErrors = 0;
      const decoded = new Map<string, number>();
      const shapeErrors = new Map<string, number>();
      for (let i = 0; i < profile.fuzz.decoders; i++) {
        const xml = hostileXml(rng);
        let doc: MnsDocument;
        try {
          doc = decodeMnsDocument(xml);
          documents++;
        } catch (error) {
          if (error instanceof XmlSyntaxError) {
            syntaxErrors++;
            continue;
          }
          throw new Error(
            `case ${i} (seed ${SEED}): decodeMnsDocument threw ${String(error)} for ${JSON.stringify(xml.slice(0, 300))}`,
          );
        }
        for (const [name, decode] of DECODERS) {
          try {
            const value = decode(doc);
            const bad = nonFiniteNumber(value);
            if (bad !== undefined)
              throw new Error(
                `case ${i}: ${name} returned a non-finite number at ${bad} for ${JSON.stringify(xml.slice(0, 300))}`,
              );
            decoded.set(name, (decoded.get(name) ?? 0) + 1);
          } catch (error) {
            if (error instanceof ResponseShapeError) {
              shapeErrors.set(name, (shapeErrors.get(name) ?? 0) + 1);
              continue;
            }
            throw new Error(
              `case ${i} (seed ${SEED}): ${name} threw ${String(error)} for ${JSON.stringify(xml.slice(0, 300))}`,
            );
          }
        }
      }
      expect(documents).toBeGreaterThan(0);
      expect(syntaxErrors).toBeGreaterThan(0);
      recordSummary(profile.name, 'fuzzResponseDecoders', {
        seed: SEED,
        cases: profile.fuzz.decoders,
        documents,
        xmlSyntaxErrors: syntaxErrors,
        decodedByDecoder: Object.fromEntries(decoded),
        responseShapeErrorsByDecoder: Object.fromEntries(shapeErrors),
        otherExceptions: 0,
        runtimeMs: Math.round(performance.now() - start),
      });
    },
    profile.testTimeoutMs,
  );

  // The oracle for disagreements is XML 1.0 itself: e.g. for `AB<![CDATA[<x>]]>CD` the text is `AB<x>CD`.
  it(
    'the specialised scanner never accepts a document the generic XML parser rejects, and agrees with it',
    () => {
      const rng = new SeededRandom(SEED + 1);
      const disagreements: string[] = [];
      let scanned = 0;
      for (let i = 0; i < profile.fuzz.decoders && disagreements.length < 5; i++) {
        const xml = hostileXml(rng);
        let fast: MnsDocument | undefined;
        try {
          fast = scanMnsDocument(xml);
        } catch (error) {
          if (!(error instanceof XmlSyntaxError))
            disagreements.push(`case ${i}: scanner threw ${String(error)}`);
          continue;
        }
        if (fast === undefined) continue;
        scanned++;
        let slow: MnsDocument | undefined;
        try {
          slow = decodeMnsDocumentGeneric(xml);
        } catch (error) {
          disagreements.push(
            `case ${i}: scanner accepted, generic parser threw ${String(error)}: ${JSON.stringify(xml.slice(0, 400))}`,
          );
          continue;
        }
        if (JSON.stringify(fast) !== JSON.stringify(slow))
          disagreements.push(
            `case ${i}: scanner ${JSON.stringify(fast).slice(0, 300)} ≠ generic ${JSON.stringify(slow).slice(0, 300)} for ${JSON.stringify(xml.slice(0, 400))}`,
          );
      }
      recordSummary(profile.name, 'fuzzScannerVsGeneric', {
        seed: SEED + 1,
        scanned,
        disagreements: disagreements.length,
      });
      expect(scanned).toBeGreaterThan(0);
      expect(disagreements).toEqual([]);
    },
    profile.testTimeoutMs,
  );
});

describe('fuzz: MnsClient against a peer answering hostile XML', () => {
  const rng = new SeededRandom(SEED + 2);
  const scanner = new SecretScanner();
  let peer: Server;
  let client: MnsClient;
  let nextBody = '';
  let nextStatus = 200;
  const secret = 'sk-client-fuzz-secret-not-for-logs';

  beforeAll(async () => {
    scanner.addSecret('client fuzz secret', secret);
    peer = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const body = Buffer.from(nextBody, 'utf8');
        res.writeHead(nextStatus, {
          'content-type': 'text/xml;charset=utf-8',
          'content-length': body.length,
          'x-mns-request-id': '0123456789ABCDEF01234567',
        });
        res.end(nextStatus === 204 ? undefined : body);
      });
    });
    await new Promise<void>((r) => peer.listen(0, '127.0.0.1', () => r()));
    client = new MnsClient({
      endpoint: `http://127.0.0.1:${(peer.address() as AddressInfo).port}`,
      credentials: { accessKeyId: 'LTAIclientfuzz', accessKeySecret: secret },
      retry: { maxAttempts: 1 },
      timeoutMs: 5000,
    });
  });

  afterAll(async () => {
    await client.close();
    await new Promise<void>((r) => peer.close(() => r()));
    scanner.dispose();
  });

  it(
    `resolves or rejects with a typed MnsError for ${Math.round(profile.fuzz.decoders / 10)} hostile responses`,
    async () => {
      const calls: [string, () => Promise<unknown>][] = [
        [
          'batchReceiveMessage',
          () => client.batchReceiveMessage({ queueName: 'q', numOfMessages: 16, waitSeconds: 0 }),
        ],
        ['receiveMessage', () => client.receiveMessage({ queueName: 'q', waitSeconds: 0 })],
        ['sendMessage', () => client.sendMessage({ queueName: 'q', messageBody: 'hello world' })],
        [
          'batchSendMessage',
          () =>
            client.batchSendMessage({
              queueName: 'q',
              entries: [{ messageBody: 'a' }, { messageBody: 'b' }],
            }),
        ],
        [
          'batchDeleteMessage',
          () => client.batchDeleteMessage({ queueName: 'q', receiptHandles: ['1-a', '1-b'] }),
        ],
        [
          'changeMessageVisibility',
          () =>
            client.changeMessageVisibility({
              queueName: 'q',
              receiptHandle: '1-a',
              visibilityTimeoutSeconds: 10,
            }),
        ],
        ['getQueueAttributes', () => client.getQueueAttributes({ queueName: 'q' })],
        ['listQueues', () => client.listQueues({})],
        ['peekMessage', () => client.peekMessage({ queueName: 'q' })],
      ];
      const outcomes = new Map<string, number>();
      const cases = Math.round(profile.fuzz.decoders / 10);
      for (let i = 0; i < cases; i++) {
        nextBody = rng.chance(0.1) ? rng.pick(MNS_XML_SEEDS) : hostileXml(rng);
        nextStatus = rng.pick([200, 200, 200, 201, 204, 400, 403, 404, 500, 503]);
        const [name, call] = rng.pick(calls);
        try {
          await call();
          outcomes.set('resolved', (outcomes.get('resolved') ?? 0) + 1);
        } catch (error) {
          scanner.captureError(`client fuzz ${name}`, error);
          if (!isMnsError(error))
            throw new Error(
              `case ${i}: ${name} rejected with a non-MnsError ${String(error)} for ${nextStatus} ${JSON.stringify(nextBody.slice(0, 300))}`,
            );
          // service codes are echoed from the (mutated) error document: bucket the garbled ones
          const key = /^[A-Za-z_.]{1,40}$/.test(error.code) ? error.code : '(garbled service code)';
          outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        }
      }
      recordSummary(profile.name, 'fuzzClientResponses', {
        seed: SEED + 2,
        cases,
        outcomes: Object.fromEntries(outcomes),
      });
      expect(outcomes.get('ERR_MNS_DECODE') ?? 0).toBeGreaterThan(0);
      expect(scanner.findLeaks()).toEqual([]);
    },
    profile.testTimeoutMs,
  );
});

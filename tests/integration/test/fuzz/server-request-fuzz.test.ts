// Fuzz: mns-local's request parsing, with raw HTTP requests over sockets — random methods, paths (traversal,
// encodings, huge names), queries, headers (duplicates, huge, odd), bodies (mutated XML, bytes, JSON), most of
// them carrying a VALID signature so the garbage reaches the parsers behind authentication. The server must
// answer every request with a well-formed MNS error or success (never a 500, never a crash), keep serving valid
// requests, and keep the messages of a queue the fuzzer never names intact.
import { type MnsLocalServer, startMnsLocal } from '@vodmns/mns-local';
import { authorizationV1, formatHttpDate } from '@vodmns/mns-transport/signing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChaosCredentials, chaosCredentials } from '../../chaos/chaos-credentials.js';
import { chaosProfile } from '../../chaos/chaos-profile.js';
import {
  hostileBody,
  hostileHeaders,
  hostileMethod,
  hostileTarget,
  randomText,
} from '../../chaos/fuzz-generators.js';
import {
  errorCode,
  type RawRequest,
  sendRaw,
  serializeRequest,
  signedRequest,
} from '../../chaos/raw-http.js';
import { capturedLogPath, recordSummary } from '../../chaos/run-summary.js';
import { SecretScanner } from '../../chaos/secret-scanner.js';
import { chaosSeed, type SeededRandom, SeededRandom as Rng } from '../../chaos/seeded-random.js';

const profile = chaosProfile();
const SEED = chaosSeed(0x5eed_4001);
const VAULT = 'vault-never-fuzzed';
const CONCURRENCY = 16;

const scanner = new SecretScanner();
let server: MnsLocalServer;
let creds: ChaosCredentials;
const vault: { id: string; body: string }[] = [];

beforeAll(async () => {
  creds = chaosCredentials(scanner, 'fuzz');
  server = await startMnsLocal({
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
    accessLog: (entry) => scanner.capture('mns-local access log', JSON.stringify(entry)),
  });
  server.admin.createQueue('fuzz-q');
  server.admin.createQueue(VAULT);
  for (const body of ['alpha', '<&>"\'', '測試 body'])
    vault.push({ id: server.admin.sendMessage(VAULT, body).id, body });
});

afterAll(async () => {
  await server.close();
  scanner.writeTo(capturedLogPath(`server-fuzz.${profile.name}`));
  scanner.dispose();
});

function fuzzCase(rng: SeededRandom): { request: RawRequest | Buffer; kind: string } {
  const r = rng.next();
  if (r < 0.03) {
    // not HTTP at all
    return {
      request: rng.chance(0.5)
        ? rng.bytes(rng.int(1, 512))
        : Buffer.from(`${randomText(rng, 200)}\r\n\r\n`, 'utf8'),
      kind: 'garbage',
    };
  }
  const method = hostileMethod(rng);
  const target = hostileTarget(rng);
  const body = hostileBody(rng);
  const extra = hostileHeaders(rng);
  const headers: [string, string][] = [
    [
      'date',
      rng.chance(0.95)
        ? formatHttpDate(new Date())
        : rng.pick(['', 'garbage', 'Thu, 01 Jan 1970 00:00:00 GMT']),
    ],
    ['x-mns-version', '2015-06-06'],
  ];
  if (body.length > 0 && rng.chance(0.8))
    headers.push([
      'content-type',
      rng.pick(['text/xml;charset=UTF-8', 'text/xml', 'application/xml', 'application/json', '']),
    ]);
  for (const [n, v] of extra) headers.push([n, v.replace(/[\r\n]/g, '')]);
  const signable: Record<string, string> = {};
  for (const [n, v] of headers) signable[n] = signable[n] === undefined ? v : `${signable[n]},${v}`;
  let kind = 'signed';
  if (rng.chance(0.75)) {
    headers.push(['authorization', authorizationV1({ method, resource: target, headers: signable }, creds)]);
  } else {
    kind = 'unsigned';
    headers.push([
      'authorization',
      rng.pick([
        '',
        'MNS ',
        `MNS ${creds.accessKeyId}:`,
        'MNS4-HMAC-SHA256 x',
        randomText(rng, 60).replace(/[\r\n]/g, ''),
      ]),
    ]);
  }
  return { request: { method, target, headers, body }, kind };
}

function hasOddExpect(request: RawRequest | Buffer): boolean {
  if (Buffer.isBuffer(request)) return false;
  return request.headers.some(
    ([n, v]) => n.toLowerCase() === 'expect' && v.trim().toLowerCase() !== '100-continue',
  );
}

function isMnsErrorDocument(body: string): boolean {
  return (
    /^<\?xml[^>]*\?>\s*<Error xmlns="http:\/\/mns\.aliyuncs\.com\/doc\/v1"><Code>[A-Za-z.]+<\/Code><Message>/.test(
      body.trim(),
    ) || /<Error[^>]*>[\s\S]*<Code>[A-Za-z.]+<\/Code>[\s\S]*<RequestId>/.test(body)
  );
}

describe(`fuzz: mns-local request parsing (${profile.fuzz.server} raw requests, seed ${SEED})`, () => {
  it(
    'answers every request with a proper MNS response, never 500, and keeps serving',
    async () => {
      const rng = new Rng(SEED);
      const start = performance.now();
      const byStatus = new Map<number, number>();
      const byCode = new Map<string, number>();
      const problems: string[] = [];
      let closedWithoutAnswer = 0;
      let oddExpect417 = 0;
      let next = 0;
      const control = async (): Promise<void> => {
        const r = await sendRaw(
          server.port,
          signedRequest({ method: 'GET', target: `/queues/${VAULT}`, credentials: creds }),
        );
        if (r.status !== 200)
          problems.push(`control request failed: ${r.status} ${r.failure ?? ''} ${r.body.slice(0, 200)}`);
      };
      const worker = async (): Promise<void> => {
        while (next < profile.fuzz.server && problems.length < 20) {
          const i = next++;
          const { request, kind } = fuzzCase(rng);
          const bytes = Buffer.isBuffer(request) ? request : serializeRequest(request);
          const response = await sendRaw(server.port, request, 5000, kind === 'garbage');
          byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
          const code = errorCode(response.body);
          if (code !== undefined) byCode.set(code, (byCode.get(code) ?? 0) + 1);
          const describe = () =>
            `case ${i} (${kind}) ${JSON.stringify(bytes.subarray(0, 300).toString('latin1'))}`;
          if (response.status === 0) {
            // closing without an answer is only acceptable for bytes that are not a parsable HTTP request
            closedWithoutAnswer++;
            if (response.failure === 'timeout') problems.push(`no answer within 5 s: ${describe()}`);
          } else if (response.status >= 500) {
            problems.push(`${response.status} ${code}: ${describe()}`);
          } else if (response.status === 417 && hasOddExpect(request)) {
            // Node's HTTP layer answers an Expect other than 100-continue with a bare 417 before mns-local sees
            // the request (RFC 9110 §10.1.1); counted, documented in docs/reliability.md
            oddExpect417++;
          } else if (response.status >= 400) {
            const isHead = !Buffer.isBuffer(request) && request.method.toUpperCase() === 'HEAD';
            if (!isHead && !isMnsErrorDocument(response.body))
              problems.push(
                `${response.status} without an MNS error document: ${describe()} → ${response.body.slice(0, 200)}`,
              );
          }
          if (i % 1000 === 999) await control();
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()));
      await control();

      expect(vault.every((v) => v.id !== '')).toBe(true);
      const intact = vault.every((v) =>
        server.admin.peek(VAULT).some((m) => m.id === v.id && m.body === v.body),
      );
      const figures = {
        seed: SEED,
        cases: profile.fuzz.server,
        byStatus: Object.fromEntries([...byStatus].sort((a, b) => a[0] - b[0])),
        byCode: Object.fromEntries([...byCode].sort((a, b) => b[1] - a[1])),
        closedWithoutAnswer,
        bare417ForUnsupportedExpect: oddExpect417,
        problems: problems.length,
        vaultIntact: intact,
        runtimeMs: Math.round(performance.now() - start),
      };
      recordSummary(profile.name, 'fuzzServerRequests', figures);
      expect(problems).toEqual([]);
      expect(intact).toBe(true);
      expect(server.admin.peek(VAULT)).toHaveLength(vault.length);
      // the signed garbage did reach the parsers behind authentication
      expect((byStatus.get(200) ?? 0) + (byStatus.get(201) ?? 0) + (byStatus.get(204) ?? 0)).toBeGreaterThan(
        0,
      );
      expect(byCode.get('MalformedXML') ?? 0).toBeGreaterThan(0);
    },
    profile.testTimeoutMs,
  );

  it('stores a MessageBody mixing text and CDATA in document order (AB<![CDATA[<x>]]>CD → AB<x>CD)', async () => {
    server.admin.createQueue('cdata-q');
    const body = '<Message><MessageBody>AB<![CDATA[<x>]]>CD</MessageBody></Message>';
    const r = await sendRaw(
      server.port,
      signedRequest({ method: 'POST', target: '/queues/cdata-q/messages', body, credentials: creds }),
    );
    expect(r.status).toBe(201);
    expect(server.admin.peek('cdata-q').map((m) => m.body)).toEqual(['AB<x>CD']);
  });

  it('echoed no secret or Authorization value in responses or the access log', () => {
    expect(scanner.contains('mns-local access log', 'fuzz-q')).toBe(true);
    expect(scanner.findLeaks()).toEqual([]);
  });
});

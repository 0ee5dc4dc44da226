import type { SeededRandom } from './seeded-random.js';

/**
 * Seeded generators of hostile input for the fuzz suites: strings with every awkward character class, JSON
 * documents mutated from valid VOD events, XML documents mutated from valid MNS responses, and raw HTTP
 * requests. Everything is derived from the given {@link SeededRandom}, so a failing case is reproducible.
 */

const AWKWARD_CHARS = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffe',
  '\uffff',
  '\ud800', // lone high surrogate
  '\udc00', // lone low surrogate
  '\ud83d\ude00', // 😀
  '测',
  'ü',
  '"',
  "'",
  '\\',
  '<',
  '>',
  '&',
  ']]>',
  '%',
  '%00',
  '%2e%2e',
  '../',
  '\r\n',
  '\t',
  ' ',
  '=',
  '?',
  '#',
  '/',
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
];

/** A random string of up to `maxLength` units mixing ASCII, awkward characters and multi-byte text. */
export function randomText(rng: SeededRandom, maxLength = 64): string {
  const length = rng.int(0, maxLength);
  let out = '';
  while (out.length < length) {
    const r = rng.next();
    if (r < 0.6) out += String.fromCharCode(rng.int(0x20, 0x7e));
    else if (r < 0.9) out += rng.pick(AWKWARD_CHARS);
    else out += String.fromCharCode(rng.int(0, 0xffff));
  }
  return out;
}

/** A random JSON-able value, nested up to `depth`. */
export function randomJsonValue(rng: SeededRandom, depth = 3): unknown {
  const r = rng.int(0, depth > 0 ? 9 : 6);
  switch (r) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([
        0,
        -1,
        1.5,
        1e308,
        -1e308,
        Number.MAX_SAFE_INTEGER + 2,
        2 ** 53,
        1e-320,
        12345678901234,
      ]);
    case 3:
      return rng.int(-1000, 100000);
    case 4:
      return randomText(rng, 40);
    case 5:
      return rng.pick([
        '',
        'success',
        'fail',
        'Success',
        'Failed',
        'Succeed',
        '2025-03-14T02:31:08Z',
        'null',
      ]);
    case 6:
      return rng.pick(['{}', '[]', '{"a":1}', '{"bad":', 'test data', '"quoted"']);
    case 7:
      return Array.from({ length: rng.int(0, 4) }, () => randomJsonValue(rng, depth - 1));
    default: {
      const obj: Record<string, unknown> = {};
      for (let i = rng.int(0, 4); i > 0; i--) obj[randomKey(rng)] = randomJsonValue(rng, depth - 1);
      return obj;
    }
  }
}

const VOD_KEYS = [
  'EventType',
  'EventTime',
  'VideoId',
  'MediaId',
  'ImageId',
  'Status',
  'Extend',
  'Size',
  'FileUrl',
  'FileURL',
  'StreamInfos',
  'SnapshotInfos',
  'JobId',
  'Data',
  'MediaContent',
  'DynamicImageJobInfo',
  'ErrorCode',
  'ErrorMessage',
  'Duration',
  'Width',
  'Height',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'EventType ',
  'eventType',
];

function randomKey(rng: SeededRandom): string {
  return rng.chance(0.7) ? rng.pick(VOD_KEYS) : randomText(rng, 12);
}

/** Valid-looking VOD events used as mutation seeds (shapes from the VOD reference). */
export const VOD_EVENT_SEEDS: readonly Readonly<Record<string, unknown>>[] = [
  {
    Status: 'success',
    EventTime: '2025-03-14T02:31:08Z',
    EventType: 'FileUploadComplete',
    VideoId: '7f9aa338ae8e3196cdff6d7efebebaa8',
    Size: 52428800,
    FileUrl: 'http://example.com/sv/a.mp4',
    Extend: '{"courseId":"c-2041"}',
  },
  {
    EventTime: '2025-02-03T04:05:06Z',
    EventType: 'TranscodeComplete',
    VideoId: '7ff94420f14e08289920ba5d260cbd3d',
    Status: 'success',
    StreamInfos: [
      {
        Status: 'success',
        Bitrate: '640',
        Definition: 'LD',
        Duration: 42,
        Encrypt: false,
        FileUrl: 'http://example.com/ld.mp4',
        Format: 'mp4',
        Fps: '24',
        Height: 480,
        Size: 3371520,
        Width: 854,
        JobId: 'b97259d6531508df0e71e718c3db7c6c',
      },
    ],
  },
  {
    EventTime: '2025-02-03T04:05:06Z',
    EventType: 'SnapshotComplete',
    VideoId: '7ff94420f14e08289920ba5d260cbd3d',
    Status: 'success',
    CoverUrl: 'http://example.com/cover.jpg',
    SnapshotInfos: [
      {
        Status: 'success',
        SnapshotType: 'CoverSnapshot',
        SnapshotCount: 3,
        SnapshotFormat: 'jpg',
        SnapshotRegular: 'http://example.com/snap-{SnapshotCount}.jpg',
        JobId: 'abc',
      },
    ],
  },
  {
    EventTime: '2025-02-03T04:05:06Z',
    EventType: 'ImageUploadComplete',
    ImageId: 'c6e7b1a8f0d3',
    Status: 'success',
    FileURL: 'http://example.com/i.png',
  },
  {
    EventTime: '2025-02-03T04:05:06Z',
    EventType: 'AIMediaAuditComplete',
    MediaId: '1c3c4b4c',
    JobId: 'f1e2d3c4b5a6',
    Status: 'success',
    Code: '0',
    Message: 'OK',
    Data: { AbnormalModules: 'porn', Suggestion: 'block' },
  },
];

function mutateValue(rng: SeededRandom, value: unknown, depth: number): unknown {
  if (depth > 6) return value;
  if (Array.isArray(value)) {
    const arr = value.map((v) => (rng.chance(0.3) ? mutateValue(rng, v, depth + 1) : v));
    if (rng.chance(0.2)) arr.push(randomJsonValue(rng, 2));
    if (rng.chance(0.1)) arr.length = 0;
    return arr;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = rng.next();
      if (r < 0.1) continue; // drop the field
      if (r < 0.35) out[k] = randomJsonValue(rng, 2);
      else if (r < 0.5) out[k] = mutateValue(rng, v, depth + 1);
      else out[k] = v;
    }
    if (rng.chance(0.3)) out[randomKey(rng)] = randomJsonValue(rng, 2);
    return out;
  }
  return rng.chance(0.5) ? randomJsonValue(rng, 1) : value;
}

/**
 * A hostile message body: a mutated VOD event serialised in one of several ways (plain JSON, base64 of JSON,
 * truncated, with garbage around it, deeply nested, huge, not JSON at all).
 */
export function hostileEventBody(rng: SeededRandom): string {
  const seed = rng.pick(VOD_EVENT_SEEDS);
  const mutated = rng.chance(0.85) ? mutateValue(rng, seed, 0) : randomJsonValue(rng, 4);
  const json = JSON.stringify(mutated) ?? 'undefined';
  switch (rng.int(0, 11)) {
    case 0:
      return Buffer.from(json, 'utf8').toString('base64');
    case 1:
      return json.slice(0, rng.int(0, json.length));
    case 2:
      return `${randomText(rng, 8)}${json}${randomText(rng, 8)}`;
    case 3:
      return `${'['.repeat(rng.int(100, 5000))}${']'.repeat(rng.int(0, 5000))}`;
    case 4:
      return `{"EventType":"FileUploadComplete","x":${'{"a":'.repeat(rng.int(50, 3000))}1${'}'.repeat(rng.int(0, 3000))}}`;
    case 5:
      return randomText(rng, 200);
    case 6:
      return Buffer.from(randomText(rng, 100), 'utf8').toString('base64');
    case 7:
      return JSON.stringify({ ...seed, Extend: 'x'.repeat(rng.int(0, 80_000)) });
    case 8:
      return json.replace(/"EventType"/, '"__proto__"');
    case 9:
      return rng.pick(['', ' ', 'null', 'true', '0', '[]', '""', '{}', '\ufeff{}', 'eyJ9', '====']);
    default:
      return json;
  }
}

/** Valid MNS response documents (docs/mns-protocol.md §4) used as mutation seeds for the XML fuzzers. */
export const MNS_XML_SEEDS: readonly string[] = [
  '<?xml version="1.0" encoding="UTF-8"?>\n<Message xmlns="http://mns.aliyuncs.com/doc/v1"><MessageId>0909FF0D9C3A630C372B8A14BD2011B6</MessageId><ReceiptHandle>8-0zxjHBaWtzPz8zphz0z6OGz5yWWidU1fJM</ReceiptHandle><MessageBodyMD5>9D75198CAA17528AB23790C1861987AF</MessageBodyMD5><MessageBody>I am 测试字符串.</MessageBody><EnqueueTime>1716809414944</EnqueueTime><FirstDequeueTime>1716809420986</FirstDequeueTime><NextVisibleTime>1716809470986</NextVisibleTime><DequeueCount>1</DequeueCount><Priority>10</Priority></Message>',
  '<?xml version="1.0" encoding="UTF-8"?>\n<Messages xmlns="http://mns.aliyuncs.com/doc/v1"><Message><MessageId>A1</MessageId><ReceiptHandle>1-a</ReceiptHandle><MessageBodyMD5>5EB63BBBE01EEED093CB22BB8F5ACDC3</MessageBodyMD5><MessageBody>hello world</MessageBody><EnqueueTime>1</EnqueueTime><FirstDequeueTime>2</FirstDequeueTime><NextVisibleTime>3</NextVisibleTime><DequeueCount>1</DequeueCount><Priority>8</Priority></Message><Message><MessageId>A2</MessageId><ReceiptHandle>1-b</ReceiptHandle><MessageBodyMD5>X</MessageBodyMD5><MessageBody>&lt;b&gt;&amp;</MessageBody><EnqueueTime>1</EnqueueTime><FirstDequeueTime>2</FirstDequeueTime><NextVisibleTime>3</NextVisibleTime><DequeueCount>2</DequeueCount><Priority>1</Priority></Message></Messages>',
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error xmlns="http://mns.aliyuncs.com/doc/v1"><Code>QueueNotExist</Code><Message>The queue name you provided is not exist.</Message><RequestId>61EC20AC324430C923273326</RequestId><HostId>http://1.mns.cn-hangzhou.aliyuncs.com</HostId></Error>',
  '<?xml version="1.0" encoding="UTF-8"?>\n<Errors xmlns="http://mns.aliyuncs.com/doc/v1"><Error><ErrorCode>MessageNotExist</ErrorCode><ErrorMessage>Message not exist.</ErrorMessage><ReceiptHandle>1-ODU4</ReceiptHandle></Error></Errors>',
  '<?xml version="1.0" encoding="UTF-8"?>\n<Queue xmlns="http://mns.aliyuncs.com/doc/v1"><QueueName>q1</QueueName><CreateTime>1250700999</CreateTime><LastModifyTime>1250700999</LastModifyTime><DelaySeconds>0</DelaySeconds><MaximumMessageSize>65536</MaximumMessageSize><MessageRetentionPeriod>345600</MessageRetentionPeriod><VisibilityTimeout>30</VisibilityTimeout><PollingWaitSeconds>0</PollingWaitSeconds><ActiveMessages>3</ActiveMessages><InactiveMessages>1</InactiveMessages><DelayMessages>0</DelayMessages><LoggingEnabled>False</LoggingEnabled></Queue>',
  '<?xml version="1.0" encoding="UTF-8"?>\n<ChangeVisibility xmlns="http://mns.aliyuncs.com/doc/v1"><ReceiptHandle>8-BzvT93jFnzuz6zcJz0zhAzcUxr0B2GnZm</ReceiptHandle><NextVisibleTime>1642865262119</NextVisibleTime></ChangeVisibility>',
  '<?xml version="1.0" encoding="UTF-8"?>\n<Messages xmlns="http://mns.aliyuncs.com/doc/v1"><Message><MessageId>7F3D61FE01E545217FCC712779C9BBF5</MessageId><MessageBodyMD5>BEF52DC1307A739DCCAF74F068DBC8DF</MessageBodyMD5></Message><Message><ErrorCode>InternalError</ErrorCode><ErrorMessage>Interal error.</ErrorMessage></Message></Messages>',
  '<?xml version="1.0" encoding="UTF-8"?>\n<Queues xmlns="http://mns.aliyuncs.com/doc/v1"><Queue><QueueURL>http://h/queues/q1</QueueURL></Queue><NextMarker>cTI=</NextMarker></Queues>',
];

const XML_GADGETS = [
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
  '<!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]>',
  '<![CDATA[<Message>]]>',
  '<!-- comment -->',
  '<?pi data?>',
  '&#0;',
  '&#x110000;',
  '&#xD800;',
  '&lt;',
  '&amp;amp;',
  '&d;',
  '&ext;',
  '<a:Message xmlns:a="x">',
  '</Message>',
  '<Message/>',
  '<MessageBody>',
  '<Message><Message><Message>',
  '\u0000',
  '\ufeff',
  '"',
  "'",
  '<',
  '>',
  '&',
  '<?xml version="1.1"?>',
  'xmlns=""',
  '<DequeueCount>-1</DequeueCount>',
  '<EnqueueTime>99999999999999999999999</EnqueueTime>',
  '<Priority>NaN</Priority>',
  '<MessageId></MessageId>',
  '<ReceiptHandle/>',
];

/** An XML document mutated from a valid MNS response (byte edits, gadget insertions, truncation, deep nesting). */
export function hostileXml(rng: SeededRandom): string {
  let doc = rng.pick(MNS_XML_SEEDS);
  const edits = rng.int(1, 4);
  for (let i = 0; i < edits; i++) {
    const at = rng.int(0, doc.length);
    switch (rng.int(0, 9)) {
      case 0:
        doc = doc.slice(0, at);
        break;
      case 1:
        doc = doc.slice(0, at) + rng.pick(XML_GADGETS) + doc.slice(at);
        break;
      case 2:
        doc = doc.slice(0, at) + randomText(rng, 16) + doc.slice(at);
        break;
      case 3: {
        const len = rng.int(1, 20);
        doc = doc.slice(0, at) + doc.slice(at + len);
        break;
      }
      case 4: {
        const n = rng.int(100, 3000);
        doc =
          doc.slice(0, at) +
          '<a>'.repeat(n) +
          '</a>'.repeat(rng.chance(0.5) ? n : rng.int(0, n)) +
          doc.slice(at);
        break;
      }
      case 5:
        doc = doc.replace(/<(\w+)>/, `<$1 attr="${randomText(rng, 8).replace(/"/g, '')}">`);
        break;
      case 6:
        doc = doc.replace(
          />([^<]+)</,
          `>${rng.pick(['', ' ', randomText(rng, 30), 'x'.repeat(rng.int(0, 100_000))])}<`,
        );
        break;
      case 7:
        doc = `${rng.pick(XML_GADGETS)}${doc}`;
        break;
      case 8:
        doc = doc.replace(/Message/g, rng.pick(['message', 'Messages', 'Error', 'Msg', 'Message ']));
        break;
      default: {
        const c = doc.charCodeAt(at) || 0x41;
        doc = doc.slice(0, at) + String.fromCharCode(c ^ (1 << rng.int(0, 7))) + doc.slice(at + 1);
      }
    }
  }
  return doc;
}

const METHODS = [
  'GET',
  'PUT',
  'POST',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'TRACE',
  'get',
  'FOO',
  'CONNECT',
];
const PATHS = [
  '/',
  '/queues',
  '/queues/',
  '/queues/fuzz-q',
  '/queues/fuzz-q/messages',
  '/queues/fuzz-q/messages/',
  '/queues/../x',
  '/queues/%2e%2e/x',
  '/queues/%2E%2E%2Fx/messages',
  '/queues/..%2f..%2fetc%2fpasswd',
  '/queues/fuzz-q/../fuzz-q/messages',
  '/queues/fuzz%00q',
  '/queues/%ff%fe',
  '/queues/%',
  '/queues/%zz',
  '/queues//messages',
  '/topics/t',
  '/queues/fuzz-q/messages/extra/segments',
  '*',
  '//queues/fuzz-q',
  '/queues/fuzz-q?',
  '/queues/测试',
];
const QUERY_PARTS = [
  'numOfMessages=16',
  'numOfMessages=0',
  'numOfMessages=-1',
  'numOfMessages=17',
  'numOfMessages=1e3',
  'numOfMessages=',
  'waitseconds=0',
  'waitseconds=31',
  'waitseconds=abc',
  'peekonly=true',
  'peekonly=TRUE',
  'ReceiptHandle=',
  'ReceiptHandle=1-a',
  'ReceiptHandle=%',
  'ReceiptHandle=a+b/c==',
  'receiptHandle=x&receiptHandle=y',
  'VisibilityTimeout=0',
  'VisibilityTimeout=43201',
  'visibilityTimeout=9999999999999999999',
  'metaoverride=true',
  '=',
  '&&',
  '%00=%00',
  'a=%',
];

/** Percent-encodes the UTF-8 bytes of `text` (lone surrogates become U+FFFD first), keeping RFC 3986 unreserved. */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A random request-target (path and query) for the server fuzzer. */
export function hostileTarget(rng: SeededRandom): string {
  let path = rng.chance(0.8) ? rng.pick(PATHS) : `/queues/${randomText(rng, 40)}`;
  if (rng.chance(0.05)) path = `/queues/${'a'.repeat(rng.int(121, 9000))}`;
  path = path.replace(/[\s\u0000-\u001f\u007f]/g, (c) => percentEncode(c));
  if (rng.chance(0.5)) return path;
  const n = rng.int(1, 4);
  const parts: string[] = [];
  for (let i = 0; i < n; i++)
    parts.push(rng.chance(0.8) ? rng.pick(QUERY_PARTS) : percentEncode(randomText(rng, 20)));
  return `${path}?${parts.join('&')}`;
}

/** A random request body for the server fuzzer: mutated request XML, random bytes, or nothing. */
export function hostileBody(rng: SeededRandom): Buffer {
  switch (rng.int(0, 5)) {
    case 0:
      return Buffer.alloc(0);
    case 1:
      return rng.bytes(rng.int(1, 2048));
    case 2:
      return Buffer.from(hostileXml(rng), 'utf8');
    case 3: {
      const bodies = [
        `<Message xmlns="http://mns.aliyuncs.com/doc/v1/"><MessageBody>${randomText(rng, 100)}</MessageBody><DelaySeconds>${rng.pick(['0', '-1', '604801', 'x', ''])}</DelaySeconds><Priority>${rng.pick(['0', '1', '16', '17', 'NaN'])}</Priority></Message>`,
        `<Messages>${'<Message><MessageBody>b</MessageBody></Message>'.repeat(rng.int(0, 20))}</Messages>`,
        `<ReceiptHandles>${'<ReceiptHandle>1-x</ReceiptHandle>'.repeat(rng.int(0, 20))}</ReceiptHandles>`,
        `<Queue><VisibilityTimeout>${rng.pick(['0', '30', '43201', 'abc', ''])}</VisibilityTimeout><MaximumMessageSize>${rng.pick(['1023', '65536', '65537'])}</MaximumMessageSize></Queue>`,
        `<Message><MessageBody>${'x'.repeat(rng.int(60_000, 70_000))}</MessageBody></Message>`,
      ];
      return Buffer.from(rng.pick(bodies), 'utf8');
    }
    case 4:
      return Buffer.from(randomText(rng, 300), 'utf8');
    default:
      return Buffer.from(JSON.stringify(randomJsonValue(rng, 3)) ?? '', 'utf8');
  }
}

/** A random HTTP method, mostly valid ones. */
export function hostileMethod(rng: SeededRandom): string {
  return rng.chance(0.85) ? rng.pick(METHODS.slice(0, 4)) : rng.pick(METHODS);
}

/** Random extra headers: duplicates, odd names, huge values, CRLF-free garbage. */
export function hostileHeaders(rng: SeededRandom): [string, string][] {
  const out: [string, string][] = [];
  const n = rng.int(0, 5);
  for (let i = 0; i < n; i++) {
    const name = rng.pick([
      'x-mns-version',
      'x-mns-date',
      'x-mns-user-request-id',
      'x-mns-prefix',
      'x-mns-ret-number',
      'x-mns-marker',
      'content-md5',
      'content-type',
      'security-token',
      'x-forwarded-for',
      'expect',
      'x-mns-',
      `x-${randomText(rng, 8).replace(/[^A-Za-z0-9-]/g, '')}`,
    ]);
    const value = rng.pick([
      '2015-06-06',
      '',
      ' ',
      'x'.repeat(rng.int(1, 4000)),
      randomText(rng, 30).replace(/[\r\n\u0000]/g, ''),
      '100-continue',
      '-1',
      '1001',
      'text/xml;charset=UTF-8',
    ]);
    out.push([name, value]);
  }
  return out;
}

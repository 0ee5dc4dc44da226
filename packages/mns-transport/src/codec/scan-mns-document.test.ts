import { describe, expect, it } from 'vitest';
import {
  batchDeletePartialDoc,
  batchReceiveDoc,
  batchSendOkDoc,
  batchSendPartialDoc,
  changeVisibilityDoc,
  ERROR_CODES,
  errorDoc,
  listQueuesDoc,
  listQueuesEmptyDoc,
  listQueuesLastPageDoc,
  listQueuesWithMetaDoc,
  peekMessageDoc,
  QUEUE_ATTRIBUTE_FIELDS,
  queueAttributesDoc,
  RECEIVED_MESSAGE_FIELDS,
  receiveMessageDoc,
  sendDelayedMessageDoc,
  sendMessageDoc,
} from '../../test/fixtures/response-documents.js';
import { decodeMnsDocument, decodeMnsDocumentGeneric } from './decode-mns-document.js';
import { scanMnsDocument } from './scan-mns-document.js';
import { XmlSyntaxError } from './xml.js';

const sixteen = Array.from({ length: 16 }, (_, i) => ({
  ...RECEIVED_MESSAGE_FIELDS,
  MessageId: `ID${i}`,
  MessageBody: `{&quot;n&quot;:${i},&quot;s&quot;:&quot;&lt;a&amp;b&gt; 测试 😀&quot;}`,
}));

const GOLDEN: Array<[string, string]> = [
  ['receive', receiveMessageDoc],
  ['batch receive (16)', batchReceiveDoc(sixteen)],
  ['peek', peekMessageDoc],
  ['send', sendMessageDoc],
  ['send (delayed, with handle)', sendDelayedMessageDoc],
  ['batch send', batchSendOkDoc],
  ['batch send partial failure', batchSendPartialDoc],
  ['batch delete partial failure', batchDeletePartialDoc],
  ['change visibility', changeVisibilityDoc],
  ['queue attributes', queueAttributesDoc],
  ['list queues', listQueuesDoc],
  ['list queues, last page', listQueuesLastPageDoc],
  ['list queues, empty', listQueuesEmptyDoc],
  ['list queues with meta', listQueuesWithMetaDoc],
  ...ERROR_CODES.map(([code, message]): [string, string] => [`error ${code}`, errorDoc(code, message)]),
];

describe('scanMnsDocument', () => {
  it.each(GOLDEN)('takes the %s document and agrees with the generic parser', (_name, xml) => {
    const fast = scanMnsDocument(xml);
    expect(fast).toBeDefined();
    expect(fast).toEqual(decodeMnsDocumentGeneric(xml));
  });

  it('decodes a receive document field by field', () => {
    const doc = scanMnsDocument(receiveMessageDoc)!;
    expect(doc.root).toBe('Message');
    expect(doc.fields).toEqual(RECEIVED_MESSAGE_FIELDS);
    expect(doc.records).toEqual([]);
  });

  it('decodes records in order, with entities decoded once', () => {
    const doc = scanMnsDocument(batchReceiveDoc(sixteen))!;
    expect(doc.records).toHaveLength(16);
    expect(doc.records[15]!.fields.MessageId).toBe('ID15');
    expect(doc.records[3]!.fields.MessageBody).toBe('{"n":3,"s":"<a&b> 测试 😀"}');
    expect(scanMnsDocument('<M><B>&amp;lt;</B></M>')!.fields.B).toBe('&lt;');
  });

  it('reads queue attributes and the list marker', () => {
    expect(scanMnsDocument(queueAttributesDoc)!.fields).toEqual(QUEUE_ATTRIBUTE_FIELDS);
    const list = scanMnsDocument(listQueuesDoc)!;
    expect(list.fields).toEqual({ NextMarker: 'cTI=' });
    expect(list.records.map((r) => r.name)).toEqual(['Queue', 'Queue']);
  });

  const VARIANTS: Array<[string, string]> = [
    [
      'namespace prefixes',
      '<m:Message xmlns:m="http://mns.aliyuncs.com/doc/v1/"><m:MessageId>1</m:MessageId></m:Message>',
    ],
    [
      'no namespace, BOM, declaration with standalone',
      '\uFEFF<?xml version="1.0" standalone="yes"?><Message><MessageId>1</MessageId></Message>',
    ],
    [
      "single-quoted attributes, xmlns='' on a child",
      "<Message xmlns='x'><MessageId xmlns=''>1</MessageId></Message>",
    ],
    ['whitespace inside tags', '<Message  xmlns = "x" ><MessageId >1</MessageId  ></Message\n>'],
    [
      'self-closing and empty elements',
      '<Messages><Message><MessageBody/><MessageId></MessageId></Message></Messages>',
    ],
    ['CDATA', '<Message><MessageBody><![CDATA[<b>&amp;]]></MessageBody></Message>'],
    ['numeric character references', '<Message><MessageBody>&#13;&#x1F600;&#20320;</MessageBody></Message>'],
    ['literal CR LF normalised', '<Message><MessageBody>a\r\nb\rc</MessageBody></Message>'],
    ['leading and trailing spaces kept', '<Message><MessageBody>  padded  </MessageBody></Message>'],
    ['repeated field (first wins)', '<Message><MessageId>1</MessageId><MessageId>2</MessageId></Message>'],
    ['self-closing root', '<Queues xmlns="x"/>'],
  ];
  it.each(VARIANTS)('handles %s like the generic parser', (_name, xml) => {
    const fast = scanMnsDocument(xml);
    expect(fast).toBeDefined();
    expect(fast).toEqual(decodeMnsDocumentGeneric(xml));
  });

  it('decodes character references and line ends as XML requires', () => {
    expect(scanMnsDocument(VARIANTS[6]![1])!.fields.MessageBody).toBe('\r😀你');
    expect(scanMnsDocument(VARIANTS[7]![1])!.fields.MessageBody).toBe('a\nb\nc');
    expect(scanMnsDocument(VARIANTS[5]![1])!.fields.MessageBody).toBe('<b>&amp;');
    // Text around CDATA keeps its order (the generic parser concatenates text first, CDATA last).
    const mixed = '<Message><MessageBody>a<![CDATA[<b>&amp;]]>c&amp;</MessageBody></Message>';
    expect(scanMnsDocument(mixed)!.fields.MessageBody).toBe('a<b>&amp;c&');
  });

  const FALLBACK: Array<[string, string]> = [
    ['a comment', '<Message><!-- c --><MessageId>1</MessageId></Message>'],
    ['a processing instruction inside', '<Message><?pi x?><MessageId>1</MessageId></Message>'],
    [
      'a fourth level (UserProperties)',
      '<Message><MessageId>1</MessageId><UserProperties><PropertyValue><Name>a</Name></PropertyValue></UserProperties></Message>',
    ],
    ['mixed content', '<Message>text<MessageId>1</MessageId></Message>'],
    ['an unknown entity', '<Message><MessageId>&nbsp;</MessageId></Message>'],
    ['a bare ampersand', '<Message><MessageId>a & b</MessageId></Message>'],
  ];
  it.each(FALLBACK)('leaves %s to the generic parser', (_name, xml) => {
    expect(scanMnsDocument(xml)).toBeUndefined();
  });

  it('decodeMnsDocument falls back for documents the scanner does not take', () => {
    const doc = decodeMnsDocument(FALLBACK[2]![1]);
    expect(doc.root).toBe('Message');
    expect(doc.fields.MessageId).toBe('1');
    expect(doc.records).toEqual([{ name: 'UserProperties', fields: {} }]);
    expect(decodeMnsDocument(FALLBACK[0]![1]).fields.MessageId).toBe('1');
  });

  const MALFORMED = [
    '',
    '   ',
    'not xml',
    '<Message>',
    '<Message><MessageId>1</MessageId>',
    '<Message><MessageId>1</MessageBody></Message>',
    '<Message><MessageId>1</MessageId></Messag>',
    '<Message><MessageId>1</MessageId></Message><Message/>',
    '<Message><MessageId>1</MessageId></Message>trailing',
    '<Message a=1><MessageId>1</MessageId></Message>',
    '<Message><MessageId>1<</MessageId></Message>',
    '<1Message></1Message>',
    '<html><body>502 Bad Gateway</body>',
  ];
  it.each(MALFORMED)('rejects malformed %j with XmlSyntaxError', (xml) => {
    expect(scanMnsDocument(xml)).toBeUndefined();
    expect(() => decodeMnsDocument(xml)).toThrow(XmlSyntaxError);
  });

  it('never accepts a truncated document: every proper prefix of a batch receive fails', () => {
    const xml = batchReceiveDoc(sixteen.slice(0, 3));
    for (let cut = 0; cut < xml.length - 1; cut++) {
      const prefix = xml.slice(0, cut);
      // The scanner must refuse; the generic parser must then throw (a prefix is never a complete document here).
      expect(scanMnsDocument(prefix), `cut at ${cut}`).toBeUndefined();
      expect(() => decodeMnsDocument(prefix), `cut at ${cut}`).toThrow(XmlSyntaxError);
    }
  });

  it('agrees with the generic parser on every mutated document it accepts (seeded)', () => {
    let seed = 20251125;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pieces = [
      '<',
      '>',
      '/',
      '&',
      '&amp;',
      '&#13;',
      ' ',
      '\r\n',
      'x',
      '"',
      '=',
      '<A>',
      '</A>',
      '<B/>',
      ':',
    ];
    let accepted = 0;
    for (let n = 0; n < 10000; n++) {
      let xml = GOLDEN[n % GOLDEN.length]![1];
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * xml.length);
        const kind = random();
        if (kind < 0.4) xml = xml.slice(0, at) + xml.slice(at + 1 + Math.floor(random() * 4));
        else xml = xml.slice(0, at) + pieces[Math.floor(random() * pieces.length)]! + xml.slice(at);
      }
      const fast = scanMnsDocument(xml);
      if (fast === undefined) continue;
      accepted++;
      let generic: unknown;
      try {
        generic = decodeMnsDocumentGeneric(xml);
      } catch (e) {
        generic = `${(e as Error).message} for ${JSON.stringify(xml)}`;
      }
      expect(fast, xml).toEqual(generic);
    }
    expect(accepted).toBeGreaterThan(500);
  });
});

describe('scanMnsDocument name characters (XML 1.0 §2.3)', () => {
  it('rejects names that start with a character XML does not allow there, accepts CJK names', () => {
    // undefined = "not mine": the caller falls back to the generic parser, which reports the syntax error
    expect(scanMnsDocument('<ChangeVisibility \u00a0Q="1"></ChangeVisibility>')).toBeUndefined();
    expect(scanMnsDocument('<\u00b7a></\u00b7a>')).toBeUndefined();
    expect(scanMnsDocument('<Message><名前>x</名前></Message>')).toBeDefined();
  });
});

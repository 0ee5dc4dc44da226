import { describe, expect, it } from 'vitest';
import {
  decodeXmlText,
  escapeXml,
  escapeXmlText,
  findInvalidXmlChar,
  parseXmlDocument,
  XmlSyntaxError,
  xmlChildren,
  xmlText,
} from './xml.js';

describe('parseXmlDocument', () => {
  it('matches by local name, keeps values as strings and text verbatim', () => {
    const doc = parseXmlDocument(
      '<?xml version="1.0" encoding="UTF-8"?><Messages xmlns="http://mns.aliyuncs.com/doc/v1/"><Message><MessageId>0001</MessageId><MessageBody>  a &lt;b&gt; &amp; 测试 😀 </MessageBody><EnqueueTime>1716809414944</EnqueueTime></Message><Message><MessageId>2</MessageId><MessageBody></MessageBody></Message></Messages>',
    );
    expect(doc.root).toBe('Messages');
    const messages = xmlChildren(doc.node, 'Message');
    expect(messages).toHaveLength(2);
    expect(xmlText(messages[0], 'MessageId')).toBe('0001');
    expect(xmlText(messages[0], 'MessageBody')).toBe('  a <b> & 测试 😀 ');
    expect(xmlText(messages[0], 'EnqueueTime')).toBe('1716809414944');
    expect(xmlText(messages[1], 'MessageBody')).toBe('');
  });
  it.each(['', '<a>', '<a></b>', 'not xml', '<a/><b/>', '<Message><MessageId>1</MessageId>'])(
    'rejects %j',
    (text) => {
      expect(() => parseXmlDocument(text)).toThrow(XmlSyntaxError);
    },
  );
});

describe('parseXmlDocument with CDATA sections (XML 1.0 §2.7)', () => {
  const body = (xml: string) =>
    xmlText(parseXmlDocument(`<Message><MessageBody>${xml}</MessageBody></Message>`).node, 'MessageBody');

  it.each([
    ['text, CDATA, text', 'AB<![CDATA[<x>&]]>CD', 'AB<x>&CD'],
    ['CDATA first', '<![CDATA[<x>]]>CD', '<x>CD'],
    ['CDATA only', '<![CDATA[a & b <c>]]>', 'a & b <c>'],
    ['an empty CDATA', 'A<![CDATA[]]>B', 'AB'],
    ['several CDATA sections between text', '1<![CDATA[2]]>3<![CDATA[4]]><![CDATA[5]]>6', '123456'],
    [
      'entities decoded around CDATA, not inside it',
      '&lt;a&gt;<![CDATA[&lt;b&gt;]]>&amp;&#x41;',
      '<a>&lt;b&gt;&A',
    ],
    ['a comment next to CDATA (dropped)', 'A<!-- c --><![CDATA[B]]><!--d-->C', 'ABC'],
    [
      'markup-looking text inside CDATA',
      '<![CDATA[</MessageBody><MessageBody>]]>',
      '</MessageBody><MessageBody>',
    ],
    ['a ]] that does not close the section', '<![CDATA[a]]b]>c]]>!', 'a]]b]>c!'],
    ['literal CR LF / CR in CDATA normalised to LF (XML 1.0 §2.11)', '<![CDATA[a\r\nb\rc]]>', 'a\nb\nc'],
    ['a CR sent as &#13; next to CDATA kept', '&#13;<![CDATA[x]]>&#13;', '\rx\r'],
    ['non-ASCII text and CDATA', '测试<![CDATA[😀]]>é', '测试😀é'],
  ])('keeps %s in document order', (_label, xml, expected) => {
    expect(body(xml)).toBe(expected);
  });

  it('gives the same shape as a document without CDATA (records, repeated names, empty elements, namespaces)', () => {
    const plain =
      '<?xml version="1.0"?><m:Messages xmlns:m="urn:x">\n  <m:Message><m:Id>1</m:Id><m:Body>a&lt;b</m:Body><m:E/></m:Message>\n  <m:Message><m:Id>2</m:Id><m:Body>c</m:Body><m:E></m:E></m:Message>\n</m:Messages>';
    const withCdata = plain.replace('a&lt;b', 'a<![CDATA[<]]>b');
    expect(parseXmlDocument(withCdata)).toEqual(parseXmlDocument(plain));
    expect(parseXmlDocument(withCdata)).toEqual({
      root: 'Messages',
      node: {
        Message: [
          { Id: '1', Body: 'a<b', E: '' },
          { Id: '2', Body: 'c', E: '' },
        ],
      },
    });
  });

  it('drops text and CDATA between child elements, as for documents without CDATA', () => {
    expect(parseXmlDocument('<R> <![CDATA[x]]> <A>1</A> y </R>')).toEqual({ root: 'R', node: { A: '1' } });
  });

  it.each([
    '<R><![CDATA[x]]></R><S/>',
    '<R><![CDATA[x]></R>',
    '<![CDATA[x]]>',
    '<R><A><![CDATA[x]]></B></R>',
  ])('rejects %j with XmlSyntaxError', (text) => {
    expect(() => parseXmlDocument(text)).toThrow(XmlSyntaxError);
  });
});

describe('escapeXml / findInvalidXmlChar', () => {
  it('escapes the five specials', () => {
    expect(escapeXml(`<a b="c" d='e'>&</a>`)).toBe(
      '&lt;a b=&quot;c&quot; d=&apos;e&apos;&gt;&amp;&lt;/a&gt;',
    );
  });
  it('finds characters XML 1.0 cannot carry', () => {
    expect(findInvalidXmlChar('ok\t\n\r 测试 😀')).toBe(-1);
    expect(findInvalidXmlChar('a\u0001b')).toBe(1);
    expect(findInvalidXmlChar('a\uD800')).toBe(1);
    expect(findInvalidXmlChar('\uFFFF')).toBe(0);
  });
});

describe('escapeXmlText / decodeXmlText', () => {
  it('escapes only what element content needs, and \\r so it survives line-end normalisation', () => {
    expect(escapeXmlText('{"a":"b"} \'q\'')).toBe('{"a":"b"} \'q\'');
    expect(escapeXmlText('a<b>&c\r\n')).toBe('a&lt;b&gt;&amp;c&#13;\n');
    expect(escapeXml('\r')).toBe('&#13;');
  });
  it('decodes entities and character references in one pass and normalises literal line ends', () => {
    expect(decodeXmlText('&amp;lt; &lt;&gt;&quot;&apos; &#13;&#x1F600;&#20320;')).toBe('&lt; <>"\' \r😀你');
    expect(decodeXmlText('a\r\nb\rc')).toBe('a\nb\nc');
    expect(decodeXmlText('&unknown; &#xD800; &#1114112;')).toBe('&unknown; &#xD800; &#1114112;');
  });
  it('parseXmlDocument decodes character references (a \\r sent as &#13; round-trips)', () => {
    const doc = parseXmlDocument(`<M><B>${escapeXmlText('x\r\ny')}</B></M>`);
    expect(xmlText(doc.node, 'B')).toBe('x\r\ny');
  });
});

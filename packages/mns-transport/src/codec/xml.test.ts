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

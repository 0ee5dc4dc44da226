import { describe, expect, it } from 'vitest';
import { MnsServiceFailure } from './mns-service-error.js';
import { childElements, childText, parseRequestXml } from './request-xml.js';

describe('parseRequestXml', () => {
  it('parses the documents SDKs send (fast path) namespace-agnostically', () => {
    const el = parseRequestXml(
      '<?xml version="1.0" encoding="UTF-8"?><Messages xmlns="http://mns.aliyuncs.com/doc/v1/"><Message><MessageBody>a&lt;&amp;&#x41;&#66;</MessageBody><Priority>2</Priority></Message><Message><MessageBody/></Message></Messages>',
    );
    expect(el.name).toBe('Messages');
    const messages = childElements(el, 'Message');
    expect(messages).toHaveLength(2);
    expect(childText(messages[0]!, 'MessageBody')).toBe('a<&AB');
    expect(childText(messages[0]!, 'Priority')).toBe('2');
    expect(childText(messages[1]!, 'MessageBody')).toBe('');
  });

  it('keeps whitespace inside text, ignores it between elements', () => {
    const el = parseRequestXml('<Message>\n  <MessageBody>  two  words \n</MessageBody>\n</Message>\n');
    expect(childText(el, 'MessageBody')).toBe('  two  words \n');
  });

  it('falls back to the validating parser for CDATA, comments and prefixes', () => {
    expect(
      childText(
        parseRequestXml('<Message><MessageBody><![CDATA[<raw>]]></MessageBody></Message>'),
        'MessageBody',
      ),
    ).toBe('<raw>');
    expect(
      childText(parseRequestXml('<Message><!-- c --><MessageBody>x</MessageBody></Message>'), 'MessageBody'),
    ).toBe('x');
    expect(
      childText(
        parseRequestXml('<a:Message xmlns:a="u"><a:MessageBody>x</a:MessageBody></a:Message>'),
        'MessageBody',
      ),
    ).toBe('x');
  });

  it.each([
    '',
    'text',
    '<Message>',
    '<Message></Messages>',
    '<Message><MessageBody>a & b</MessageBody></Message>',
    '<Message><MessageBody>&bogus;</MessageBody></Message>',
    '<A/><B/>',
    '<Message>\u0000</Message>',
    '<Message>\uD800</Message>',
  ])('rejects %j with MalformedXML', (text) => {
    try {
      parseRequestXml(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MnsServiceFailure);
      expect((error as MnsServiceFailure).code).toBe('MalformedXML');
    }
  });
});

describe('parseRequestXml: DTDs', () => {
  it('rejects DOCTYPE declarations (no entity expansion)', () => {
    expect(() =>
      parseRequestXml(
        '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x "boom">]><Message><MessageBody>&x;</MessageBody></Message>',
      ),
    ).toThrow(expect.objectContaining({ code: 'MalformedXML' }));
  });
});

describe('parseRequestXml: line ends', () => {
  it('normalises literal CR LF / CR to LF; &#13; stays a CR', () => {
    expect(
      childText(
        parseRequestXml('<Message><MessageBody>a\r\nb\rc&#13;d</MessageBody></Message>'),
        'MessageBody',
      ),
    ).toBe('a\nb\nc\rd');
  });
});

import { describe, expect, it } from 'vitest';
import { MnsServiceFailure } from './mns-service-error.js';
import {
  childElements,
  childText,
  parseRequestXml,
  REQUEST_XML_LIMITS,
  rootElementName,
} from './request-xml.js';

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

  it('reads CDATA, comments and prefixes', () => {
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

describe('parseRequestXml: references and limits', () => {
  it.each([
    '&#xD800;',
    '&#xDFFF;',
    '&#x110000;',
    '&#99999999999999999999;',
    '&#0;',
    '&#xFFFE;',
    '&#x;',
    '&#12a;',
    '&#x0000000041;',
  ])('refuses the character reference %s with MalformedXML', (ref) => {
    expect(() => parseRequestXml(`<Message><MessageBody>a${ref}b</MessageBody></Message>`)).toThrow(
      expect.objectContaining({ code: 'MalformedXML', message: expect.stringMatching(/offset \d+/) }),
    );
  });

  it('decodes references to XML characters, leading zeros included', () => {
    const el = parseRequestXml(
      '<Message><MessageBody>&#x1F600;&#0065;&#x10FFFF;&#9;&quot;&apos;</MessageBody></Message>',
    );
    expect(childText(el, 'MessageBody')).toBe('\u{1F600}A\u{10FFFF}\t"\'');
  });

  it('checks attribute values too, and refuses a repeated attribute', () => {
    expect(() => parseRequestXml('<Message a="&#xD800;"/>')).toThrow(
      expect.objectContaining({ code: 'MalformedXML' }),
    );
    expect(() => parseRequestXml('<Message xmlns="a" xmlns="b"/>')).toThrow(
      expect.objectContaining({ code: 'MalformedXML' }),
    );
  });

  it(`refuses more than ${REQUEST_XML_LIMITS.maxElements} elements and nesting deeper than ${REQUEST_XML_LIMITS.maxDepth}`, () => {
    const wide = `<Messages>${'<Message/>'.repeat(REQUEST_XML_LIMITS.maxElements - 1)}</Messages>`;
    expect(parseRequestXml(wide).children).toHaveLength(REQUEST_XML_LIMITS.maxElements - 1);
    expect(() => parseRequestXml(wide.replace('<Message/>', '<Message/><Message/>'))).toThrow(
      expect.objectContaining({ code: 'MalformedXML', message: expect.stringContaining('more than 256') }),
    );
    const deep = (d: number): string => `${'<a>'.repeat(d)}${'</a>'.repeat(d)}`;
    expect(parseRequestXml(deep(REQUEST_XML_LIMITS.maxDepth)).name).toBe('a');
    expect(() => parseRequestXml(deep(REQUEST_XML_LIMITS.maxDepth + 1))).toThrow(
      expect.objectContaining({ code: 'MalformedXML', message: expect.stringContaining('nesting deeper') }),
    );
  });

  it('skips comments and processing instructions anywhere, refuses text beside child elements', () => {
    const el = parseRequestXml(
      '<?xml version="1.0"?><!-- a --><?pi x?><Message><!--b--><?p?><MessageBody>x<!--c-->y</MessageBody></Message><!--d-->',
    );
    expect(childText(el, 'MessageBody')).toBe('xy');
    expect(() => parseRequestXml('<Message>junk<MessageBody>x</MessageBody></Message>')).toThrow(
      expect.objectContaining({ code: 'InvalidArgument' }),
    );
  });
});

describe('rootElementName', () => {
  it.each([
    ['<?xml version="1.0"?>\n<!-- c --><Messages><Message/></Messages>', 'Messages'],
    ['<a:Message xmlns:a="u"/>', 'Message'],
    [`${'<!---->'.repeat(31)}!`, undefined],
    ['<!--', undefined],
    ['', undefined],
  ])('%j → %j', (text, name) => {
    expect(rootElementName(text)).toBe(name);
  });
});

/** CPU time of `fn`, ms (user + system; not wall time, so a loaded machine does not fail the bound). */
function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

function attempt(text: string): void {
  try {
    parseRequestXml(text);
  } catch (error) {
    if (!(error instanceof MnsServiceFailure)) throw error;
  }
  rootElementName(text);
}

const MIB = 1024 * 1024;
const fill = (head: string, unit: string, tail = ''): string =>
  head + unit.repeat(Math.floor((MIB - head.length - tail.length) / unit.length)) + tail;

describe('parseRequestXml: linear time (CPU budget)', () => {
  it.each([
    ['<!---->… + "!" (root regex ReDoS)', fill('', '<!---->', '!')],
    ['<Message> + "<!--"…', fill('<Message>', '<!--')],
    ['CDATA-open flood', fill('<Message><MessageBody>', '<![CDATA[')],
    ['closed CDATA sections', fill('<Message><MessageBody>', '<![CDATA[x]]>', '</MessageBody></Message>')],
    ['comments between elements', fill('<Message>', '<!---->', '<MessageBody>a</MessageBody></Message>')],
    ['processing-instruction opens', fill('<Message>', '<?a ')],
    ['"<" flood', fill('<Message>', '<')],
    ['"&" flood', fill('<Message><MessageBody>', '&')],
    ['references', fill('<Message><MessageBody>', '&amp;&#x41;', '</MessageBody></Message>')],
    ['unterminated references', fill('<Message><MessageBody>', '&#1111111111')],
    ['open tags', fill('<Message>', '<a ')],
    ['attribute-like runs', fill('<Message ', 'a="1" ')],
    ['a long attribute value', fill('<Message a="', 'x', '"/>')],
    ['a long name', fill('<', 'M', '/>')],
    ['deep nesting', fill('', '<a>')],
    ['many elements', fill('<Messages>', '<Message/>')],
    ['text between many tags', fill('<Messages>', '<M>x</M>', '</Messages>')],
  ])('a 1 MiB body of %s costs < 200 ms of CPU', (_name, text) => {
    expect(text.length).toBeGreaterThan(MIB - 16);
    expect(cpuMs(() => attempt(text))).toBeLessThan(200);
  });

  it('property: random bodies up to 1 MiB cost at most linear CPU time (≤ 200 ns per byte + 5 ms)', () => {
    // Seeded (mulberry32), so a failure reproduces; tokens are the ones a scanner has to decide on.
    let seed = 0x17_2026;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const tokens = [
      '<',
      '>',
      '/',
      '/>',
      '</',
      '<!--',
      '-->',
      '--',
      '<![CDATA[',
      ']]>',
      '<?',
      '?>',
      '<!',
      '&',
      ';',
      '&#',
      '&#x',
      '&amp;',
      '"',
      "'",
      '=',
      ' ',
      '\n',
      'a',
      'Message',
      '<Message>',
      '</Message>',
      '<MessageBody>',
      '</MessageBody>',
      'xmlns',
      ':',
      '\r',
    ];
    for (let run = 0; run < 24; run++) {
      const target = Math.floor(random() ** 2 * MIB);
      // Few distinct tokens per body, repeated: long runs are what break super-linear scanners.
      const palette = Array.from(
        { length: 1 + Math.floor(random() * 4) },
        () => tokens[Math.floor(random() * tokens.length)]!,
      );
      const parts: string[] = [];
      let length = 0;
      while (length < target) {
        const token = palette[Math.floor(random() * palette.length)]!;
        parts.push(token);
        length += token.length;
      }
      const text = parts.join('');
      const ms = cpuMs(() => attempt(text));
      expect(ms, `run ${run}: ${text.length} bytes of ${JSON.stringify(palette)}`).toBeLessThan(
        5 + text.length * 0.0002,
      );
    }
  });
});

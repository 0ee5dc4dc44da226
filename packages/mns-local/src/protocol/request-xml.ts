import {
  findInvalidXmlChar,
  parseXmlDocument,
  type XmlNode,
  XmlSyntaxError,
} from '@vodmns/mns-transport/codec';
import { MnsServiceFailure } from './mns-service-error.js';

/** A parsed request element: local name, unescaped text content, child elements in document order. */
export interface XmlElement {
  readonly name: string;
  readonly text: string;
  readonly children: readonly XmlElement[];
}

/** `[A-Za-z_]` */
const isNameStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** `[A-Za-z0-9_.-]` */
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 45;
const MAX_FAST_DEPTH = 8;
const UNDEFINED_ENTITY = /&(?!(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Parses an MNS request body (`Queue`, `Message`, `Messages`, `ReceiptHandles`). Namespace-agnostic
 * (any, none, or `xmlns=""` on children, docs/mns-protocol.md §2.3). A specialised scanner handles the plain documents
 * every SDK sends; anything it does not fully understand (comments, CDATA, prefixes, other attributes)
 * goes to the codec's validating parser, which is authoritative. Throws `MalformedXML`.
 */
export function parseRequestXml(input: string): XmlElement {
  // XML 1.0 §2.11: literal CR LF / CR are read as LF (a CR in content must be sent as &#13;).
  const text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  if (findInvalidXmlChar(text) >= 0) {
    throw new MnsServiceFailure(
      'MalformedXML',
      'The XML you provided was not well-formed: invalid character.',
    );
  }
  const fast = fastParse(text);
  if (fast !== undefined) return fast;
  // No DTDs (no entity definitions, no XXE); every `&` outside CDATA/comments must start a predefined or
  // numeric reference (the fallback parser would keep unknown ones as text).
  const outsideCdata = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g, '');
  if (/<!DOCTYPE/i.test(outsideCdata) || UNDEFINED_ENTITY.test(outsideCdata)) {
    throw new MnsServiceFailure('MalformedXML');
  }
  try {
    const doc = parseXmlDocument(text);
    return toElement(doc.root, doc.node);
  } catch (error) {
    if (error instanceof XmlSyntaxError || error instanceof RangeError) {
      throw new MnsServiceFailure('MalformedXML');
    }
    throw error;
  }
}

function toElement(name: string, node: XmlNode): XmlElement {
  if (typeof node === 'string') return { name, text: node, children: [] };
  const children: XmlElement[] = [];
  for (const [childName, value] of Object.entries(node)) {
    const local = childName.includes(':') ? childName.slice(childName.indexOf(':') + 1) : childName;
    for (const v of Array.isArray(value) ? value : [value]) children.push(toElement(local, v));
  }
  return { name, text: '', children };
}

/** Returns `undefined` whenever the input is outside the simple subset (the slow parser then decides). */
function fastParse(s: string): XmlElement | undefined {
  let i = 0;
  const n = s.length;
  const skipWs = (): void => {
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  if (s.charCodeAt(0) === 0xfeff) i = 1;
  skipWs();
  if (s.startsWith('<?xml', i)) {
    const end = s.indexOf('?>', i);
    if (end < 0) return undefined;
    const decl = s.slice(i + 5, end);
    if (decl.includes('<') || decl.includes('>')) return undefined;
    i = end + 2;
    skipWs();
  }
  const readName = (): string | undefined => {
    const start = i;
    if (i >= n || !isNameStart(s.charCodeAt(i))) return undefined;
    i++;
    while (i < n && isNameChar(s.charCodeAt(i))) i++;
    return s.slice(start, i);
  };
  const parseElement = (depth: number): XmlElement | undefined => {
    if (depth > MAX_FAST_DEPTH || s[i] !== '<') return undefined;
    i++;
    const name = readName();
    if (name === undefined) return undefined;
    for (;;) {
      skipWs();
      if (s[i] === '>') {
        i++;
        break;
      }
      if (s[i] === '/' && s[i + 1] === '>') {
        i += 2;
        return { name, text: '', children: [] };
      }
      const attr = readName();
      if (attr !== 'xmlns') return undefined;
      skipWs();
      if (s[i] !== '=') return undefined;
      i++;
      skipWs();
      const quote = s[i];
      if (quote !== '"' && quote !== "'") return undefined;
      const end = s.indexOf(quote, i + 1);
      if (end < 0) return undefined;
      const value = s.slice(i + 1, end);
      if (value.includes('<') || value.includes('&')) return undefined;
      i = end + 1;
    }
    let text = '';
    let children: XmlElement[] | undefined;
    for (;;) {
      if (i >= n) return undefined;
      if (s[i] === '<') {
        if (s[i + 1] === '/') {
          i += 2;
          if (readName() !== name) return undefined;
          skipWs();
          if (s[i] !== '>') return undefined;
          i++;
          break;
        }
        const child = parseElement(depth + 1);
        if (child === undefined) return undefined;
        if (children === undefined) children = [child];
        else children.push(child);
        continue;
      }
      const lt = s.indexOf('<', i);
      if (lt < 0) return undefined;
      const raw = s.slice(i, lt);
      i = lt;
      if (raw.includes('&')) {
        const decoded = decodeEntities(raw);
        if (decoded === undefined) return undefined;
        text += decoded;
      } else text += raw;
    }
    if (children !== undefined) {
      if (text.trim() !== '') return undefined;
      return { name, text: '', children };
    }
    return { name, text, children: [] };
  };
  const root = parseElement(0);
  if (root === undefined) return undefined;
  skipWs();
  return i === n ? root : undefined;
}

function decodeEntities(raw: string): string | undefined {
  let out = '';
  let pos = 0;
  for (;;) {
    const amp = raw.indexOf('&', pos);
    if (amp < 0) return out + raw.slice(pos);
    const semi = raw.indexOf(';', amp);
    if (semi < 0 || semi - amp > 12) return undefined;
    const entity = raw.slice(amp + 1, semi);
    let value: string | undefined;
    if (entity.startsWith('#x'))
      value = fromCodePoint(Number.parseInt(entity.slice(2), 16), entity.slice(2), /^[0-9a-fA-F]+$/);
    else if (entity.startsWith('#'))
      value = fromCodePoint(Number.parseInt(entity.slice(1), 10), entity.slice(1), /^[0-9]+$/);
    else value = ENTITIES[entity];
    if (value === undefined) return undefined;
    out += raw.slice(pos, amp) + value;
    pos = semi + 1;
  }
}

function fromCodePoint(cp: number, digits: string, shape: RegExp): string | undefined {
  if (!shape.test(digits) || !Number.isInteger(cp) || cp > 0x10ffff) return undefined;
  const ch = String.fromCodePoint(cp);
  return findInvalidXmlChar(ch) >= 0 ? undefined : ch;
}

/** The text of the first direct child named `name`, or `undefined`. */
export function childText(element: XmlElement, name: string): string | undefined {
  for (const c of element.children) if (c.name === name) return c.children.length > 0 ? undefined : c.text;
  return undefined;
}

/** The direct children named `name`. */
export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Low-level XML helpers shared by the client codec and by `@vodmns/mns-local` (request decoding).
 * Namespace-agnostic: elements are matched by local name (docs/mns-protocol.md §2.3). Values stay strings
 * (`parseTagValue: false`: 13-digit timestamps and ids must not become numbers).
 */

/** A parsed element: text content, or child elements by local name (repeated children become arrays). */
export type XmlNode = string | { readonly [name: string]: XmlNode | XmlNode[] };

/** The result of {@link parseXmlDocument}. */
export interface ParsedXmlDocument {
  /** Local name of the root element, e.g. `Messages`. */
  readonly root: string;
  /** The root element's content. An empty element is `''`. */
  readonly node: XmlNode;
}

/** Thrown by {@link parseXmlDocument} for text that is not one well-formed XML document. */
export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

const PARSER_OPTIONS = {
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Entities are decoded here (decodeXmlText), not by fast-xml-parser: 5.12.1 leaves numeric character
  // references (`&#13;`, `&#x1F600;`) undecoded, which would corrupt a `\r` escaped as `&#13;`.
  processEntities: false,
  htmlEntities: false,
  textNodeName: '#text',
  cdataPropName: '#cdata',
} as const;
const parser = new XMLParser(PARSER_OPTIONS);
// The grouped form above keeps all text of an element in one `#text` and all CDATA sections in one `#cdata`,
// so `AB<![CDATA[<x>]]>CD` could only be rebuilt out of order. The ordered form keeps every text and CDATA
// segment in document order; it is slower and allocates more, so it is used only for documents with CDATA.
const orderedParser = new XMLParser({ ...PARSER_OPTIONS, preserveOrder: true });
const CDATA_OPEN = '<![CDATA[';

/** Parses one XML document; throws {@link XmlSyntaxError} if it is not well-formed or has no single root. */
export function parseXmlDocument(text: string): ParsedXmlDocument {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new XmlSyntaxError(
      `malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`,
    );
  }
  if (text.includes(CDATA_OPEN)) return parseOrdered(text);
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new XmlSyntaxError(`malformed XML: ${(error as Error).message}`);
  }
  const roots = Object.keys(parsed).filter((k) => k !== '#text');
  if (roots.length !== 1)
    throw new XmlSyntaxError(`expected exactly one root element, found ${roots.length}`);
  const root = roots[0]!;
  const node = clean(parsed[root]);
  if (Array.isArray(node)) throw new XmlSyntaxError('expected exactly one root element');
  return { root, node };
}

/** One entry of fast-xml-parser's ordered output: `{ name: children }`, `{ '#text': s }` or `{ '#cdata': [...] }`. */
type OrderedItem = Readonly<Record<string, unknown>>;

/** The ordered-form twin of the grouped path above, for documents with CDATA sections. Same result shape. */
function parseOrdered(text: string): ParsedXmlDocument {
  let items: OrderedItem[];
  try {
    items = orderedParser.parse(text) as OrderedItem[];
  } catch (error) {
    throw new XmlSyntaxError(`malformed XML: ${(error as Error).message}`);
  }
  const roots: [string, unknown][] = [];
  for (const item of items) {
    const name = elementName(item);
    if (name !== undefined) roots.push([name, item[name]]);
  }
  if (roots.length !== 1)
    throw new XmlSyntaxError(`expected exactly one root element, found ${roots.length}`);
  const [root, children] = roots[0]!;
  return { root, node: orderedNode(children) };
}

/** The element name of an ordered item, or `undefined` for text, CDATA (and attribute maps). */
function elementName(item: OrderedItem): string | undefined {
  for (const key of Object.keys(item)) {
    if (key !== '#text' && key !== '#cdata' && key !== ':@') return key;
  }
  return undefined;
}

/**
 * An element's content from its ordered children: child elements by name (repeated names become arrays, text
 * between them dropped, as in {@link clean}); or, when it has none, its text and CDATA segments concatenated in
 * document order. Text is entity-decoded; CDATA is literal (XML 1.0 §2.7), only its line ends normalised.
 */
function orderedNode(children: unknown): XmlNode {
  if (!Array.isArray(children)) return '';
  let out: Record<string, XmlNode | XmlNode[]> | undefined;
  let text = '';
  for (const item of children as OrderedItem[]) {
    const name = elementName(item);
    if (name !== undefined) {
      out ??= {};
      const node = orderedNode(item[name]);
      const existing = out[name];
      if (existing === undefined) out[name] = node;
      else if (Array.isArray(existing)) existing.push(node);
      else out[name] = [existing, node];
    } else if (out === undefined) {
      if ('#text' in item) text += decodeXmlText(String(item['#text']));
      else if ('#cdata' in item) text += cdataText(item['#cdata']);
    }
  }
  return out ?? text;
}

/** The literal text of a CDATA section (`[{ '#text': s }]` in the ordered form). */
function cdataText(value: unknown): string {
  let out = '';
  if (Array.isArray(value)) {
    for (const part of value as OrderedItem[]) if ('#text' in part) out += String(part['#text']);
  }
  // XML 1.0 §2.11 line-end normalisation applies inside CDATA too; entities do not.
  return out.indexOf('\r') === -1 ? out : out.replace(/\r\n?/g, '\n');
}

/** Drops whitespace-only text between child elements; keeps text content verbatim. */
function clean(value: unknown): XmlNode | XmlNode[] {
  if (Array.isArray(value)) return value.map((v) => clean(v) as XmlNode);
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return decodeXmlText(String(value));
  const out: Record<string, XmlNode | XmlNode[]> = {};
  let hasChild = false;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === '#text' || k === '#cdata') continue;
    out[k] = clean(v);
    hasChild = true;
  }
  if (!hasChild) {
    const text = (value as Record<string, unknown>)['#text'];
    const cdata = (value as Record<string, unknown>)['#cdata'];
    const decoded = text === undefined ? '' : decodeXmlText(String(text));
    // Documents containing `<![CDATA[` take parseOrdered; this is only reached if the parser ever reports
    // CDATA for one that does not. Literal text (no entity decoding), appended.
    return cdata === undefined ? decoded : decoded + (Array.isArray(cdata) ? cdata.join('') : String(cdata));
  }
  return out;
}

/** The child elements named `name` of an element node, always as an array. */
export function xmlChildren(node: XmlNode | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === 'string') return [];
  const v = node[name];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** The text of the single child element `name`, or `undefined` when absent (or not text). */
export function xmlText(node: XmlNode | undefined, name: string): string | undefined {
  if (node === undefined || typeof node === 'string') return undefined;
  const v = node[name];
  if (v === undefined) return undefined;
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : undefined;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
};
const NEEDS_ESCAPE = /[&<>"'\r]/;
const ESCAPE_ALL = /[&<>"'\r]/g;

/**
 * Escapes text for an XML text node or attribute: the five specials, and `\r` as `&#13;` (a literal carriage
 * return would be normalised to `\n` by every conforming parser, changing the text and its MD5).
 */
export function escapeXml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPE_ALL, (c) => ESCAPES[c]!) : text;
}

const TEXT_NEEDS_ESCAPE = /[&<>\r]/;
const TEXT_ESCAPE_ALL = /[&<>\r]/g;

/**
 * Escapes text for an XML element's content only (not attributes): `&`, `<`, `>` and `\r`. Quotes need no escaping
 * there, which keeps JSON bodies (full of `"`) on the fast path.
 */
export function escapeXmlText(text: string): string {
  return TEXT_NEEDS_ESCAPE.test(text) ? text.replace(TEXT_ESCAPE_ALL, (c) => ESCAPES[c]!) : text;
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);/g;

function decodeEntity(match: string, body: string): string {
  if (body.charCodeAt(0) !== 35 /* # */) return NAMED_ENTITIES[body]!;
  const code =
    body.charCodeAt(1) === 120 /* x */
      ? Number.parseInt(body.slice(2), 16)
      : Number.parseInt(body.slice(1), 10);
  // Not a Unicode scalar value: leave the reference as written (a conforming parser would reject it).
  if (!(code >= 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return match;
  return String.fromCodePoint(code);
}

/**
 * Decodes the predefined entities and numeric character references of XML text in one pass (so `&amp;lt;` stays
 * `&lt;`) and normalises literal line ends (`\r\n`, `\r` → `\n`) as XML 1.0 §2.11 requires. Unknown entities are
 * left as written.
 */
export function decodeXmlText(text: string): string {
  let out = text;
  if (out.indexOf('\r') !== -1) out = out.replace(/\r\n?/g, '\n');
  if (out.indexOf('&') !== -1) out = out.replace(ENTITY, decodeEntity);
  return out;
}

// XML 1.0 Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
// (lone surrogates are not characters; a well-formed surrogate pair is)
const INVALID_XML_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Index of the first character XML 1.0 cannot carry, or -1. */
export function findInvalidXmlChar(text: string): number {
  const m = INVALID_XML_CHAR.exec(text);
  return m ? m.index : -1;
}

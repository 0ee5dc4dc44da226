import { findInvalidXmlChar } from '@vodmns/mns-transport/codec';
import { MnsServiceFailure } from './mns-service-error.js';

/** A parsed request element: local name, unescaped text content, child elements in document order. */
export interface XmlElement {
  readonly name: string;
  readonly text: string;
  readonly children: readonly XmlElement[];
}

/**
 * Bounds of one request document. The largest document a client sends is a 16-message batch (1 + 16 × 4
 * elements, depth 3); anything far beyond is not an MNS request and is refused before it costs more work.
 */
export const REQUEST_XML_LIMITS = Object.freeze({
  /** Elements per document. */
  maxElements: 256,
  /** Nesting depth (the root is depth 1). */
  maxDepth: 8,
  /** Attributes per element (only `xmlns` declarations are expected). */
  maxAttributes: 16,
});

const LT = 60;
const GT = 62;
const SLASH = 47;
const SEMI = 59;
const EQ = 61;
const DQ = 34;
const SQ = 39;
const COLON = 58;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** The longest reference accepted: `&#x` + 6 hex digits + `;` (leading zeros beyond that are refused). */
const MAX_REFERENCE_LENGTH = 12;

const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
/** XML NameStartChar, ASCII exactly; any non-ASCII character is accepted (MNS names are ASCII). */
const isNameStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === COLON || c >= 0x80;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 45;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const hexValue = (c: number): number =>
  isDigit(c) ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
/** XML 1.0 `Char` as a code point. */
const isXmlChar = (cp: number): boolean =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

function malformed(reason: string, at: number): MnsServiceFailure {
  return new MnsServiceFailure(
    'MalformedXML',
    `The XML you provided was not well-formed: ${reason} at offset ${at}.`,
  );
}

/**
 * Parses an MNS request body (`Queue`, `Message`, `Messages`, `ReceiptHandles`) in one pass, in time linear in
 * its length: every step moves the cursor forward and nothing is scanned twice (no backtracking regex, no
 * second parser). Namespace-agnostic (any, none, or `xmlns=""` on children; prefixes dropped; docs/mns-protocol.md §2.3). Comments and
 * processing instructions are skipped; CDATA is literal; entities are the five predefined ones and character
 * references to XML characters. No DTDs (no entity definitions, no XXE). Refuses documents beyond
 * {@link REQUEST_XML_LIMITS}. Throws `MalformedXML` naming the first problem and its offset.
 */
export function parseRequestXml(input: string): XmlElement {
  // XML 1.0 §2.11: literal CR LF / CR are read as LF (a CR in content must be sent as &#13;).
  const s = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  const bad = findInvalidXmlChar(s);
  if (bad >= 0) throw malformed('invalid character', bad);
  return new RequestXmlScanner(s).document();
}

/**
 * The local name of the document element of `text` (prolog skipped), or `undefined` when there is none to see
 * before the first problem. Linear: routing needs only the root, the full parse comes later.
 */
export function rootElementName(text: string): string | undefined {
  const scanner = new RequestXmlScanner(text);
  try {
    scanner.skipProlog();
    return scanner.peekElementName();
  } catch (error) {
    if (error instanceof MnsServiceFailure) return undefined;
    throw error;
  }
}

class RequestXmlScanner {
  readonly #s: string;
  #i = 0;
  #elements = 0;
  // Next `<` / `&` at or after the last position asked for. Positions asked for only grow, so each search
  // starts where the last one ended: the whole document is searched once for each, however it is cut up.
  #lt = -1;
  #amp = -1;

  constructor(s: string) {
    this.#s = s;
    if (s.charCodeAt(0) === 0xfeff) this.#i = 1;
  }

  document(): XmlElement {
    this.skipProlog();
    if (this.#s.charCodeAt(this.#i) !== LT) throw malformed('no root element', this.#i);
    const root = this.#element(1);
    this.#skipMisc();
    if (this.#i !== this.#s.length) throw malformed('content after the root element', this.#i);
    return root;
  }

  /** XML declaration (only at the very start), then comments, PIs and whitespace. */
  skipProlog(): void {
    const s = this.#s;
    if (s.startsWith('<?xml', this.#i) && !isNameChar(s.charCodeAt(this.#i + 5))) {
      const end = s.indexOf('?>', this.#i + 5);
      if (end < 0) throw malformed('unterminated XML declaration', this.#i);
      const lt = s.indexOf('<', this.#i + 5);
      if (lt >= 0 && lt < end) throw malformed('"<" in the XML declaration', lt);
      this.#i = end + 2;
    }
    this.#skipMisc();
  }

  #nextLt(from: number): number {
    if (this.#lt < from) {
      const at = this.#s.indexOf('<', from);
      this.#lt = at < 0 ? this.#s.length : at;
    }
    return this.#lt;
  }

  #nextAmp(from: number): number {
    if (this.#amp < from) {
      const at = this.#s.indexOf('&', from);
      this.#amp = at < 0 ? this.#s.length : at;
    }
    return this.#amp;
  }

  peekElementName(): string | undefined {
    if (this.#s.charCodeAt(this.#i) !== LT) return undefined;
    this.#i++;
    return localName(this.#name());
  }

  #skipWs(): void {
    const s = this.#s;
    while (this.#i < s.length && isWs(s.charCodeAt(this.#i))) this.#i++;
  }

  /** Whitespace, comments and processing instructions outside the root. */
  #skipMisc(): void {
    for (;;) {
      this.#skipWs();
      if (this.#skipCommentOrPi()) continue;
      if (this.#s.startsWith('<!', this.#i)) throw malformed('a DTD or markup declaration', this.#i);
      return;
    }
  }

  /** Skips one `<!-- … -->` or `<? … ?>` at the cursor; `false` if there is none. */
  #skipCommentOrPi(): boolean {
    const s = this.#s;
    const at = this.#i;
    if (s.startsWith('<!--', at)) {
      const end = s.indexOf('-->', at + 4);
      if (end < 0) throw malformed('unterminated comment', at);
      this.#i = end + 3;
      return true;
    }
    if (s.startsWith('<?', at)) {
      this.#i = at + 2;
      const target = this.#name();
      if (target.toLowerCase() === 'xml') throw malformed('a misplaced XML declaration', at);
      const end = s.indexOf('?>', this.#i);
      if (end < 0) throw malformed('unterminated processing instruction', at);
      this.#i = end + 2;
      return true;
    }
    return false;
  }

  #name(): string {
    const s = this.#s;
    const start = this.#i;
    if (start >= s.length || !isNameStart(s.charCodeAt(start))) throw malformed('a name expected', start);
    let j = start + 1;
    while (j < s.length && isNameChar(s.charCodeAt(j))) j++;
    this.#i = j;
    return s.slice(start, j);
  }

  /** One element at `<`, with everything inside it. */
  #element(depth: number): XmlElement {
    const s = this.#s;
    const open = this.#i;
    if (depth > REQUEST_XML_LIMITS.maxDepth) {
      throw malformed(`nesting deeper than ${REQUEST_XML_LIMITS.maxDepth} elements`, open);
    }
    if (++this.#elements > REQUEST_XML_LIMITS.maxElements) {
      throw malformed(`more than ${REQUEST_XML_LIMITS.maxElements} elements`, open);
    }
    this.#i++;
    const raw = this.#name();
    if (this.#startTagEnd()) return { name: localName(raw), text: '', children: [] };
    let text = '';
    let textAt = -1;
    let children: XmlElement[] | undefined;
    for (;;) {
      const lt = this.#nextLt(this.#i);
      if (lt >= s.length) throw malformed(`<${raw}> is not closed`, open);
      if (lt > this.#i) {
        const piece = this.#text(this.#i, lt);
        if (textAt < 0 && !isBlank(piece)) textAt = this.#i;
        text += piece;
      }
      this.#i = lt;
      const c = s.charCodeAt(lt + 1);
      if (c === SLASH) {
        this.#i = lt + 2;
        if (this.#name() !== raw) throw malformed(`the end tag does not match <${raw}>`, lt);
        this.#skipWs();
        if (s.charCodeAt(this.#i) !== GT) throw malformed('">" expected', this.#i);
        this.#i++;
        break;
      }
      if (s.startsWith('<![CDATA[', lt)) {
        const end = s.indexOf(']]>', lt + 9);
        if (end < 0) throw malformed('unterminated CDATA section', lt);
        const piece = s.slice(lt + 9, end);
        if (textAt < 0 && !isBlank(piece)) textAt = lt;
        text += piece;
        this.#i = end + 3;
        continue;
      }
      if (this.#skipCommentOrPi()) continue;
      if (c === 33 /* ! */) throw malformed('a markup declaration inside an element', lt);
      const child = this.#element(depth + 1);
      if (children === undefined) children = [child];
      else children.push(child);
    }
    if (children === undefined) return { name: localName(raw), text, children: [] };
    if (textAt >= 0) {
      throw new MnsServiceFailure(
        'InvalidArgument',
        `The XML you provided did not validate against our published schema, text beside the child elements of ${localName(raw)}.`,
      );
    }
    return { name: localName(raw), text: '', children };
  }

  /** Attributes up to `>` (false) or `/>` (true). Values are checked (no `<`, valid references), then dropped. */
  #startTagEnd(): boolean {
    const s = this.#s;
    const seen: string[] = [];
    for (;;) {
      const before = this.#i;
      this.#skipWs();
      const c = s.charCodeAt(this.#i);
      if (c === GT) {
        this.#i++;
        return false;
      }
      if (c === SLASH && s.charCodeAt(this.#i + 1) === GT) {
        this.#i += 2;
        return true;
      }
      if (this.#i === before) throw malformed('whitespace, ">" or "/>" expected', this.#i);
      const at = this.#i;
      const name = this.#name();
      if (seen.includes(name)) throw malformed(`attribute ${name} given twice`, at);
      if (seen.push(name) > REQUEST_XML_LIMITS.maxAttributes) {
        throw malformed(`more than ${REQUEST_XML_LIMITS.maxAttributes} attributes`, at);
      }
      this.#skipWs();
      if (s.charCodeAt(this.#i) !== EQ) throw malformed('"=" expected', this.#i);
      this.#i++;
      this.#skipWs();
      const quote = s.charCodeAt(this.#i);
      if (quote !== DQ && quote !== SQ) throw malformed('a quoted attribute value expected', this.#i);
      const end = s.indexOf(quote === DQ ? '"' : "'", this.#i + 1);
      if (end < 0) throw malformed('unterminated attribute value', this.#i);
      const lt = this.#nextLt(this.#i + 1);
      if (lt < end) throw malformed('"<" in an attribute value', lt);
      this.#text(this.#i + 1, end);
      this.#i = end + 1;
    }
  }

  /** `s[from, to)` with references decoded; a bare `&`, an unknown entity or a non-character is refused. */
  #text(from: number, to: number): string {
    const s = this.#s;
    let amp = this.#nextAmp(from);
    if (amp >= to) return s.slice(from, to);
    let out = '';
    let last = from;
    while (amp < to) {
      let semi = amp + 1;
      const limit = Math.min(to, amp + MAX_REFERENCE_LENGTH);
      while (semi < limit && s.charCodeAt(semi) !== SEMI) semi++;
      if (semi >= limit || s.charCodeAt(semi) !== SEMI)
        throw malformed(
          s.charCodeAt(amp + 1) === 35 /* # */
            ? 'a character reference too long to be an XML character'
            : 'a bare "&" or an unknown entity',
          amp,
        );
      out += s.slice(last, amp) + reference(s, amp, semi);
      last = semi + 1;
      amp = this.#nextAmp(last);
    }
    return out + s.slice(last, to);
  }
}

/** The character `s[amp..semi]` (`&…;`) stands for; throws for anything but the five entities and XML chars. */
function reference(s: string, amp: number, semi: number): string {
  if (s.charCodeAt(amp + 1) !== 35 /* # */) {
    const value = ENTITIES[s.slice(amp + 1, semi)];
    if (value === undefined) throw malformed(`unknown entity ${s.slice(amp, semi + 1)}`, amp);
    return value;
  }
  const hex = s.charCodeAt(amp + 2) === 120; /* x */
  const from = amp + (hex ? 3 : 2);
  if (from >= semi) throw malformed('an empty character reference', amp);
  let cp = 0;
  for (let k = from; k < semi; k++) {
    const c = s.charCodeAt(k);
    const d = hex ? hexValue(c) : isDigit(c) ? c - 48 : -1;
    if (d < 0) throw malformed('a malformed character reference', amp);
    cp = cp * (hex ? 16 : 10) + d;
    if (cp > 0x10ffff) break;
  }
  if (!isXmlChar(cp)) {
    throw malformed(`character reference ${s.slice(amp, semi + 1)} is not an XML character`, amp);
  }
  return String.fromCodePoint(cp);
}

function isBlank(text: string): boolean {
  for (let k = 0; k < text.length; k++) if (!isWs(text.charCodeAt(k))) return false;
  return true;
}

function localName(raw: string): string {
  const colon = raw.indexOf(':');
  return colon < 0 ? raw : raw.slice(colon + 1);
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

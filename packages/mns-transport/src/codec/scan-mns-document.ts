/**
 * A decoded MNS response document. Every MNS response is at most three levels deep: a root (`Message`,
 * `Messages`, `Queue`, `Queues`, `ChangeVisibility`, `Errors`, `Error`) holding text fields and/or records
 * (`Message`, `Queue`, `Error`) that hold only text fields. Names are local names (namespace prefixes dropped).
 */
export interface MnsDocument {
  /** Local name of the root element. */
  readonly root: string;
  /** Text children of the root by local name (the first one wins if a name repeats). Empty elements are `''`. */
  readonly fields: Readonly<Record<string, string>>;
  /** Element children of the root that have element children, in document order. */
  readonly records: readonly MnsDocumentRecord[];
}

/** One record of an {@link MnsDocument}, e.g. one `<Message>` of a `<Messages>` document. */
export interface MnsDocumentRecord {
  readonly name: string;
  readonly fields: Readonly<Record<string, string>>;
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const BANG = 33; // !
const QUESTION = 63; // ?
const EQ = 61; // =
const DQ = 34; // "
const SQ = 39; // '

// Scratch results of readStartTag (avoids allocating a result object per element).
let tagRaw = '';
let tagSelfClosing = false;
// Scratch results of scanLeaf.
let leafText = '';
let leafEnd = 0;

// `<?xml version="1.0" encoding="UTF-8"?>`: pseudo-attributes, quoted, then `?>` (sticky: matched at lastIndex).
const DECLARATION = /<\?xml(?:\s+[A-Za-z]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*\?>/y;

const LEAF = 0;
const CONTAINER = 1;
const FAIL = 2;

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function skipWs(s: string, i: number): number {
  while (i < s.length && isWs(s.charCodeAt(i))) i++;
  return i;
}

function isBlank(s: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isWs(s.charCodeAt(k))) return false;
  return true;
}

function isNameStart(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58;
  return isNonAsciiNameStart(c);
}

/**
 * XML 1.0 (5th ed.) NameStartChar above ASCII, by UTF-16 code unit: surrogates stand for #x10000–#xEFFFF (the
 * pair's validity is checked by the generic parser this scanner is cross-checked against).
 */
function isNonAsciiNameStart(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xdfff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

// Element names of MNS documents, bucketed by length. Returning these literals instead of fresh slices makes
// every field-name key an internalized string, which keeps property stores and lookups on the records cheap.
const KNOWN_NAMES: readonly (readonly string[] | undefined)[] = (() => {
  const names = [
    'Message',
    'Messages',
    'MessageId',
    'ReceiptHandle',
    'MessageBodyMD5',
    'MessageBody',
    'EnqueueTime',
    'FirstDequeueTime',
    'NextVisibleTime',
    'DequeueCount',
    'Priority',
    'ErrorCode',
    'ErrorMessage',
    'Errors',
    'Error',
    'Code',
    'RequestId',
    'HostId',
    'ChangeVisibility',
    'Queue',
    'Queues',
    'QueueURL',
    'QueueName',
    'NextMarker',
    'CreateTime',
    'LastModifyTime',
    'DelaySeconds',
    'MaximumMessageSize',
    'MessageRetentionPeriod',
    'VisibilityTimeout',
    'PollingWaitSeconds',
    'ActiveMessages',
    'InactiveMessages',
    'DelayMessages',
    'LoggingEnabled',
  ];
  const buckets: string[][] = [];
  for (const name of names) {
    const bucket = buckets[name.length] ?? [];
    bucket.push(name);
    buckets[name.length] = bucket;
  }
  return buckets;
})();

/** `s.startsWith(name, at)` as a plain loop (cheaper than the builtin call for short names). */
function matchesAt(s: string, at: number, name: string): boolean {
  const n = name.length;
  for (let k = 0; k < n; k++) if (s.charCodeAt(at + k) !== name.charCodeAt(k)) return false;
  return true;
}

function knownName(s: string, start: number, end: number): string | undefined {
  const bucket = KNOWN_NAMES[end - start];
  if (bucket === undefined) return undefined;
  for (let b = 0; b < bucket.length; b++) {
    const name = bucket[b]!;
    if (matchesAt(s, start, name)) return name;
  }
  return undefined;
}

function isNameChar(c: number): boolean {
  return (
    isNameStart(c) ||
    (c >= 48 && c <= 57) ||
    c === 45 ||
    c === 46 ||
    c === 0xb7 ||
    (c >= 0x300 && c <= 0x36f) ||
    c === 0x203f ||
    c === 0x2040
  );
}

function localName(raw: string): string {
  const colon = raw.indexOf(':');
  return colon < 0 ? raw : raw.slice(colon + 1);
}

/** Reads a start tag at `s[i] === '<'`; sets tagRaw/tagSelfClosing; returns the index after `>` or -1. */
function readStartTag(s: string, i: number): number {
  const n = s.length;
  let j = i + 1;
  if (j >= n || !isNameStart(s.charCodeAt(j))) return -1;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (isWs(c) || c === SLASH || c === GT) break;
    if (!isNameChar(c)) return -1;
    j++;
  }
  tagRaw = knownName(s, i + 1, j) ?? s.slice(i + 1, j);
  for (;;) {
    const before = j;
    j = skipWs(s, j);
    if (j >= n) return -1;
    const c = s.charCodeAt(j);
    if (c === GT) {
      tagSelfClosing = false;
      return j + 1;
    }
    if (c === SLASH) {
      if (s.charCodeAt(j + 1) !== GT) return -1;
      tagSelfClosing = true;
      return j + 2;
    }
    // An attribute must be separated from the name / previous attribute by whitespace.
    if (j === before || !isNameStart(c)) return -1;
    while (j < n) {
      const a = s.charCodeAt(j);
      if (a === EQ || isWs(a)) break;
      if (!isNameChar(a)) return -1;
      j++;
    }
    j = skipWs(s, j);
    if (s.charCodeAt(j) !== EQ) return -1;
    j = skipWs(s, j + 1);
    const quote = s.charCodeAt(j);
    if (quote !== DQ && quote !== SQ) return -1;
    const close = s.indexOf(quote === DQ ? '"' : "'", j + 1);
    if (close < 0) return -1;
    const lt = s.indexOf('<', j + 1);
    if (lt >= 0 && lt < close) return -1;
    j = close + 1;
  }
}

/** Reads `</raw>` (optional whitespace before `>`) at `s[t] === '<'`; returns the index after it or -1. */
function readEndTag(s: string, t: number, raw: string): number {
  if (!matchesAt(s, t + 2, raw)) return -1;
  const k = skipWs(s, t + 2 + raw.length);
  return s.charCodeAt(k) === GT ? k + 1 : -1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** The character of the entity or character reference `raw[amp..semi]`, or `undefined` if it is not one. */
function entityAt(raw: string, amp: number, semi: number): string | undefined {
  const length = semi - amp - 1;
  const c1 = raw.charCodeAt(amp + 1);
  if (c1 === 35 /* # */) {
    const hex = raw.charCodeAt(amp + 2) === 120; /* x */
    const from = amp + (hex ? 3 : 2);
    if (from >= semi || semi - from > 7) return undefined;
    let code = 0;
    for (let k = from; k < semi; k++) {
      const c = raw.charCodeAt(k);
      if (hex ? !isHexDigit(c) : !isDigit(c)) return undefined;
      code = code * (hex ? 16 : 10) + (isDigit(c) ? c - 48 : (c | 32) - 87);
    }
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    return String.fromCodePoint(code);
  }
  const c2 = raw.charCodeAt(amp + 2);
  if (length === 2 && c2 === 116 /* t */) return c1 === 108 ? '<' : c1 === 103 ? '>' : undefined; // lt gt
  if (length === 3 && c1 === 97 && c2 === 109 && raw.charCodeAt(amp + 3) === 112) return '&'; // amp
  if (length === 4) {
    const tail = raw.slice(amp + 1, semi);
    return tail === 'quot' ? '"' : tail === 'apos' ? "'" : undefined;
  }
  return undefined;
}

/**
 * Element text decoded (entities, character references, literal line ends → `\n`) in one hand-written pass, or
 * `undefined` for anything else (an unknown entity, a bare `&`, a reference to a non-character): such text is
 * left to the generic parser.
 */
function decodeText(raw: string): string | undefined {
  let amp = raw.indexOf('&');
  const cr = raw.indexOf('\r');
  if (amp === -1 && cr === -1) return raw;
  const text = cr === -1 ? raw : raw.replace(/\r\n?/g, '\n');
  if (amp === -1) return text;
  if (cr !== -1) amp = text.indexOf('&');
  let out = '';
  let last = 0;
  while (amp !== -1) {
    const semi = text.indexOf(';', amp + 2);
    if (semi < 0 || semi - amp > 11) return undefined;
    const ch = entityAt(text, amp, semi);
    if (ch === undefined) return undefined;
    out += text.slice(last, amp) + ch;
    last = semi + 1;
    amp = text.indexOf('&', last);
  }
  return out + text.slice(last);
}

/**
 * Scans the content of the element `raw` whose start tag ends at `j`. LEAF: text content (leafText) and the
 * index after the end tag (leafEnd). CONTAINER: the first child element starts at leafEnd. FAIL: anything else.
 */
function scanLeaf(s: string, j: number, raw: string): number {
  let text = '';
  let sawCdata = false;
  for (;;) {
    const t = s.indexOf('<', j);
    if (t < 0) return FAIL;
    const c = s.charCodeAt(t + 1);
    if (c === SLASH) {
      const end = readEndTag(s, t, raw);
      if (end < 0) return FAIL;
      const piece = decodeText(s.slice(j, t));
      if (piece === undefined) return FAIL;
      leafText = sawCdata ? text + piece : piece;
      leafEnd = end;
      return LEAF;
    }
    if (c === BANG && s.startsWith('<![CDATA[', t)) {
      const piece = decodeText(s.slice(j, t));
      const close = s.indexOf(']]>', t + 9);
      if (piece === undefined || close < 0) return FAIL;
      text += piece + s.slice(t + 9, close);
      sawCdata = true;
      j = close + 3;
      continue;
    }
    if (!sawCdata && isNameStart(c) && isBlank(s, j, t)) {
      leafEnd = t;
      return CONTAINER;
    }
    return FAIL;
  }
}

/**
 * A hand-written scanner for the fixed shapes of MNS responses (docs/mns-protocol.md §4, §7): a root holding text fields and
 * records of text fields. It handles the XML declaration, namespaces/prefixes, attributes, whitespace between
 * elements, entities, character references and CDATA, and checks that tags nest and match. It returns
 * `undefined` for anything else — comments, processing instructions, deeper nesting, mixed content, unknown
 * entities, malformed or truncated text — so the caller can fall back to the generic parser, which then either
 * decodes the document or reports why it is malformed.
 */
export function scanMnsDocument(xml: string): MnsDocument | undefined {
  const s = xml;
  const n = s.length;
  let i = s.charCodeAt(0) === 0xfeff ? 1 : 0;
  // The declaration is only allowed at the very start.
  if (s.startsWith('<?xml', i)) {
    DECLARATION.lastIndex = i;
    if (!DECLARATION.test(s)) return undefined;
    i = DECLARATION.lastIndex;
  }
  i = skipWs(s, i);
  if (s.charCodeAt(i) !== LT) return undefined;
  i = readStartTag(s, i);
  if (i < 0) return undefined;
  const rootRaw = tagRaw;
  const fields: Record<string, string> = {};
  const records: MnsDocumentRecord[] = [];
  if (!tagSelfClosing) {
    for (;;) {
      const t = s.indexOf('<', i);
      if (t < 0 || !isBlank(s, i, t)) return undefined;
      const c = s.charCodeAt(t + 1);
      if (c === SLASH) {
        i = readEndTag(s, t, rootRaw);
        if (i < 0) return undefined;
        break;
      }
      if (c === BANG || c === QUESTION) return undefined;
      const j = readStartTag(s, t);
      if (j < 0) return undefined;
      const childRaw = tagRaw;
      const childName = localName(childRaw);
      if (tagSelfClosing) {
        if (fields[childName] === undefined) fields[childName] = '';
        i = j;
        continue;
      }
      const kind = scanLeaf(s, j, childRaw);
      if (kind === FAIL) return undefined;
      if (kind === LEAF) {
        if (fields[childName] === undefined) fields[childName] = leafText;
        i = leafEnd;
        continue;
      }
      // A record: its children must all be text fields.
      const record: Record<string, string> = {};
      let k = leafEnd;
      for (;;) {
        const u = s.indexOf('<', k);
        if (u < 0 || !isBlank(s, k, u)) return undefined;
        const d = s.charCodeAt(u + 1);
        if (d === SLASH) {
          k = readEndTag(s, u, childRaw);
          if (k < 0) return undefined;
          break;
        }
        if (d === BANG || d === QUESTION) return undefined;
        const m = readStartTag(s, u);
        if (m < 0) return undefined;
        const fieldRaw = tagRaw;
        const fieldName = localName(fieldRaw);
        if (tagSelfClosing) {
          if (record[fieldName] === undefined) record[fieldName] = '';
          k = m;
          continue;
        }
        if (scanLeaf(s, m, fieldRaw) !== LEAF) return undefined;
        if (record[fieldName] === undefined) record[fieldName] = leafText;
        k = leafEnd;
      }
      records.push({ name: childName, fields: record });
      i = k;
    }
  }
  if (skipWs(s, i) !== n) return undefined;
  return { root: localName(rootRaw), fields, records };
}

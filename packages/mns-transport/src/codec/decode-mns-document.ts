import type { MnsDocument, MnsDocumentRecord } from './scan-mns-document.js';
import { scanMnsDocument } from './scan-mns-document.js';
import { type ParsedXmlDocument, parseXmlDocument, type XmlNode } from './xml.js';

/**
 * Decodes an MNS response body: the specialised scanner first ({@link scanMnsDocument}), and the generic
 * parser ({@link parseXmlDocument}) for anything the scanner does not take. Throws `XmlSyntaxError` for text
 * that is not one well-formed XML document (malformed or truncated).
 */
export function decodeMnsDocument(xml: string): MnsDocument {
  return scanMnsDocument(xml) ?? decodeMnsDocumentGeneric(xml);
}

/** The same result as {@link decodeMnsDocument}, always through the generic parser (fallback and cross-check). */
export function decodeMnsDocumentGeneric(xml: string): MnsDocument {
  return fromParsed(parseXmlDocument(xml));
}

function firstText(value: XmlNode | XmlNode[]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

function fromParsed(doc: ParsedXmlDocument): MnsDocument {
  const fields: Record<string, string> = {};
  const records: MnsDocumentRecord[] = [];
  if (typeof doc.node !== 'string') {
    for (const [name, value] of Object.entries(doc.node)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item === 'string') {
          if (fields[name] === undefined) fields[name] = item;
          continue;
        }
        const record: Record<string, string> = {};
        // Deeper structures (e.g. UserProperties, docs/mns-protocol.md §11) are not part of any shape this client reads.
        for (const [field, v] of Object.entries(item)) {
          const text = firstText(v);
          if (text !== undefined) record[field] = text;
        }
        records.push({ name, fields: record });
      }
    }
  }
  return { root: doc.root, fields, records };
}

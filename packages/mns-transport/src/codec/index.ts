// @vodmns/mns-transport/codec — XML encoding/decoding of MNS documents. The only module that imports fast-xml-parser.
export {
  escapeXml,
  findInvalidXmlChar,
  type ParsedXmlDocument,
  parseXmlDocument,
  type XmlNode,
  XmlSyntaxError,
  xmlChildren,
  xmlText,
} from './xml.js';

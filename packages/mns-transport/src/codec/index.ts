// @vodmns/mns-transport/codec — XML encoding/decoding of MNS documents. The only module that imports fast-xml-parser.
export {
  decodeXmlText,
  escapeXml,
  escapeXmlText,
  findInvalidXmlChar,
  type ParsedXmlDocument,
  parseXmlDocument,
  type XmlNode,
  XmlSyntaxError,
  xmlChildren,
  xmlText,
} from './xml.js';
export { decodeMnsDocument, decodeMnsDocumentGeneric } from './decode-mns-document.js';
export { type MnsDocument, type MnsDocumentRecord, scanMnsDocument } from './scan-mns-document.js';
export {
  decodeBatchDeleteErrors,
  decodeBatchSendResults,
  decodeChangeVisibility,
  decodeErrorDocument,
  decodePeekedMessage,
  decodePeekedMessages,
  decodeQueueAttributes,
  decodeQueueList,
  decodeReceivedMessage,
  decodeReceivedMessages,
  decodeSendResult,
  type MnsErrorDocument,
  ResponseShapeError,
  type SendMessageResult,
} from './response-decoders.js';
export {
  encodeMessage,
  encodeMessages,
  encodeQueueAttributes,
  encodeReceiptHandles,
  type WireMessage,
} from './request-encoders.js';

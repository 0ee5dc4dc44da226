// @vodmns/mns-transport/signing — pure MNS request signing and verification (no I/O). Shared with mns-local.
export { canonicalizeMnsHeaders, lowerCaseHeaders, type SignableRequest } from './canonical-request.js';
export { contentMd5, formatHttpDate, messageBodyMd5 } from './content-md5.js';
export { type ParsedAuthorization, parseAuthorization } from './parse-authorization.js';
export {
  authorizationV1,
  type SigningCredentials,
  signaturesEqual,
  signatureV1,
  stringToSignV1,
} from './sign-v1.js';
export {
  authorizationV4,
  canonicalRequestV4,
  credentialScopeV4,
  percentEncodeV4,
  signatureV4,
  signatureV4WithKey,
  signingKeyV4,
  stringToSignV4,
  V4_ALGORITHM,
  type V4SigningParams,
} from './sign-v4.js';

/**
 * Client-side error codes (service codes are used verbatim). Stable: match on these strings.
 */
export const MnsErrorCodes = {
  /** An option or input value is invalid; the message names the field and the value. */
  invalidArgument: 'ERR_MNS_INVALID_ARGUMENT',
  /** Credentials are missing or could not be obtained from the provider. */
  credentials: 'ERR_MNS_CREDENTIALS',
  /** The per-attempt timeout elapsed. */
  timeout: 'ERR_MNS_TIMEOUT',
  /** The caller aborted the operation. */
  aborted: 'ERR_MNS_ABORTED',
  /** The connection failed or was reset. */
  network: 'ERR_MNS_NETWORK',
  /** The response could not be decoded (malformed/truncated XML, unexpected shape). */
  decode: 'ERR_MNS_DECODE',
  /** `MessageBodyMD5` in a response does not match the body. */
  bodyMd5Mismatch: 'ERR_MNS_BODY_MD5_MISMATCH',
  /** The response had an unexpected HTTP status and no MNS error document. */
  unexpectedStatus: 'ERR_MNS_UNEXPECTED_STATUS',
  /** A message body contains characters XML 1.0 cannot carry. */
  invalidXmlCharacter: 'ERR_MNS_INVALID_XML_CHARACTER',
  /**
   * A received message's body is not in the encoding the receive asked for (`bodyEncoding: 'base64'` and the body
   * is not base64 of UTF-8 text). Final: a retry returns the same body. Carried by the message (`bodyError`), not
   * thrown, so the other messages of the batch are unaffected.
   */
  bodyEncoding: 'ERR_MNS_BODY_ENCODING',
  /** The consumer's port failed a delete with something that is not an `MnsError` (a custom port). */
  deleteFailed: 'ERR_VODMNS_DELETE_FAILED',
  /** The consumer's port failed a visibility change with something that is not an `MnsError` (a custom port). */
  visibilityFailed: 'ERR_VODMNS_VISIBILITY_FAILED',
  /** The response body is larger than the operation can legitimately return; it was not read further. */
  responseTooLarge: 'ERR_MNS_RESPONSE_TOO_LARGE',
  /** mns-local: `dataDir` was asked for but the optional peer `better-sqlite3` is not installed (or not built). */
  localSqliteMissing: 'ERR_MNS_LOCAL_SQLITE_MISSING',
  /** mns-local: another running server holds the data directory's lock. */
  localDataDirLocked: 'ERR_MNS_LOCAL_DATA_DIR_LOCKED',
} as const;

export type MnsErrorCode = (typeof MnsErrorCodes)[keyof typeof MnsErrorCodes];

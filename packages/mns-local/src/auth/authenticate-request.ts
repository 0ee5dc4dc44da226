import {
  parseAuthorization,
  signaturesEqual,
  signatureV1,
  signatureV4,
  stringToSignV1,
  stringToSignV4,
} from '@vodmns/mns-transport/signing';
import { MnsServiceFailure } from '../protocol/mns-service-error.js';

/** An access key the server accepts. */
export interface MnsLocalCredential {
  /** AccessKeyId as it appears in `Authorization` (STS ids start with `STS.`). */
  readonly accessKeyId: string;
  /** The secret; never logged, echoed or put into an error. */
  readonly accessKeySecret: string;
  /**
   * STS token that must arrive in the `security-token` header for this key (docs/mns-protocol.md §3.7). Only checked for
   * ids starting with `STS.`. @defaultValue undefined (not checked)
   */
  readonly securityToken?: string | undefined;
}

/** What {@link authenticateRequest} needs. */
export interface AuthenticationContext {
  readonly credentials: ReadonlyMap<string, MnsLocalCredential>;
  /** Allowed distance between the request's Date and `nowMs`, ms; `Infinity` disables the check. */
  readonly maxClockSkewMs: number;
  readonly nowMs: number;
}

const RFC1123 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Verifies an MNS request's signature (V1 `MNS id:sig` or V4 `MNS4-HMAC-SHA256 …`) over the raw
 * request-target and raw header values (docs/mns-protocol.md §3.8), the Date header and the STS token. Returns the
 * AccessKeyId; throws an {@link MnsServiceFailure} (`MissingAuthorizationHeader`, `InvalidAuthorizationHeader`,
 * `InvalidAccessKeyId`, `MissingDateHeader`, `InvalidDateHeader`, `TimeExpired`, `SignatureDoesNotMatch`,
 * `AccessDenied`). Error messages never contain the secret or the Authorization header.
 */
export function authenticateRequest(
  method: string,
  target: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  context: AuthenticationContext,
): string {
  const authorization = headerValue(headers, 'authorization');
  if (authorization === undefined || authorization === '')
    throw new MnsServiceFailure('MissingAuthorizationHeader');
  const parsed = parseAuthorization(authorization);
  if (parsed === undefined) throw new MnsServiceFailure('InvalidAuthorizationHeader');
  const credential = context.credentials.get(parsed.accessKeyId);
  if (credential === undefined) throw new MnsServiceFailure('InvalidAccessKeyId');

  const dateText = headerValue(headers, 'date') || headerValue(headers, 'x-mns-date');
  if (dateText === undefined || dateText === '') throw new MnsServiceFailure('MissingDateHeader');
  const dateMs = RFC1123.test(dateText) ? Date.parse(dateText) : Number.NaN;
  if (Number.isNaN(dateMs)) throw new MnsServiceFailure('InvalidDateHeader');
  if (Math.abs(dateMs - context.nowMs) > context.maxClockSkewMs) throw new MnsServiceFailure('TimeExpired');

  const signable = { method, resource: target, headers };
  let expected: string;
  if (parsed.version === 'v1') {
    expected = signatureV1(stringToSignV1(signable), credential.accessKeySecret);
  } else {
    const date = new Date(dateMs);
    if (date.toISOString().slice(0, 10).replaceAll('-', '') !== parsed.day) {
      throw new MnsServiceFailure('SignatureDoesNotMatch');
    }
    const params = { region: parsed.region, date };
    expected = signatureV4(stringToSignV4(signable, params), credential.accessKeySecret, params);
  }
  if (!signaturesEqual(expected, parsed.signature)) throw new MnsServiceFailure('SignatureDoesNotMatch');

  if (credential.securityToken !== undefined && parsed.accessKeyId.startsWith('STS.')) {
    const token = headerValue(headers, 'security-token');
    if (token === undefined || !signaturesEqual(token, credential.securityToken)) {
      throw new MnsServiceFailure('AccessDenied', 'The security token you provided is invalid or missing.');
    }
  }
  return parsed.accessKeyId;
}

function headerValue(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  name: string,
): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

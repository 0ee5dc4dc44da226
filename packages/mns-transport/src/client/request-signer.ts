import type { MnsCredentials } from '../credentials/mns-credentials.js';
import { credentialScopeV4, signatureV4WithKey, signingKeyV4, stringToSignV4 } from '../signing/sign-v4.js';
import { signatureV1 } from '../signing/sign-v1.js';
import type { SignatureVersion } from './client-options.js';

/** API version sent (and signed) as `x-mns-version`. */
export const MNS_API_VERSION = '2015-06-06';

/** `Content-Type` of every request with a body (signed as sent). */
export const XML_CONTENT_TYPE = 'text/xml;charset=UTF-8';

/**
 * Builds the signed headers of one request. V1 builds the string-to-sign directly from the pieces it sends
 * (no header map, no sort unless extra `x-mns-*` headers are present); V4 goes through the generic signer.
 * The `Date` string is cached per second.
 */
export class RequestSigner {
  readonly #version: SignatureVersion;
  readonly #region: string | undefined;
  readonly #now: () => number;
  #second = Number.NaN;
  #date = '';
  // V4 signing key cache: the key depends only on secret, day and region.
  #keySecret = '';
  #keyDay = '';
  #key: Buffer | undefined;

  constructor(version: SignatureVersion, region: string | undefined, now: () => number) {
    this.#version = version;
    this.#region = region;
    this.#now = now;
  }

  #httpDate(ms: number): string {
    const second = Math.floor(ms / 1000);
    if (second !== this.#second) {
      this.#second = second;
      this.#date = new Date(second * 1000).toUTCString();
    }
    return this.#date;
  }

  /**
   * The request headers, `authorization` included.
   *
   * @param resource - path plus query exactly as sent.
   * @param extraMnsHeaders - further `x-mns-*` headers (lower-case names), e.g. ListQueue's paging headers.
   */
  sign(
    method: string,
    resource: string,
    hasBody: boolean,
    extraMnsHeaders: readonly (readonly [string, string])[] | undefined,
    credentials: MnsCredentials,
  ): Record<string, string> {
    const ms = this.#now();
    const date = this.#httpDate(ms);
    const headers: Record<string, string> = { date, 'x-mns-version': MNS_API_VERSION };
    if (hasBody) headers['content-type'] = XML_CONTENT_TYPE;
    let canonical = `x-mns-version:${MNS_API_VERSION}\n`;
    if (extraMnsHeaders !== undefined && extraMnsHeaders.length > 0) {
      const all: Array<readonly [string, string]> = [['x-mns-version', MNS_API_VERSION], ...extraMnsHeaders];
      all.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      canonical = '';
      for (const [name, value] of all) {
        headers[name] = value;
        canonical += `${name}:${value}\n`;
      }
    }
    if (this.#version === 'v1') {
      const stringToSign = `${method}\n\n${hasBody ? XML_CONTENT_TYPE : ''}\n${date}\n${canonical}${resource}`;
      headers.authorization = `MNS ${credentials.accessKeyId}:${signatureV1(stringToSign, credentials.accessKeySecret)}`;
    } else {
      const params = { region: this.#region ?? '', date: new Date(second(ms)) };
      const scope = credentialScopeV4(params);
      const day = scope.slice(0, 8);
      if (
        this.#key === undefined ||
        this.#keyDay !== day ||
        this.#keySecret !== credentials.accessKeySecret
      ) {
        this.#key = signingKeyV4(credentials.accessKeySecret, params);
        this.#keyDay = day;
        this.#keySecret = credentials.accessKeySecret;
      }
      const signature = signatureV4WithKey(stringToSignV4({ method, resource, headers }, params), this.#key);
      headers.authorization = `MNS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope},Signature=${signature}`;
    }
    if (credentials.securityToken !== undefined) headers['security-token'] = credentials.securityToken;
    return headers;
  }
}

function second(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

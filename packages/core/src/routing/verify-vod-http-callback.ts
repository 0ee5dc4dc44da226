import { timingSafeEqual } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { invalidArgument, isFiniteInRange } from '../errors/invalid-argument.js';
import { signVodHttpCallback } from './sign-vod-http-callback.js';

/** Input of {@link verifyVodHttpCallback}: the request's URL and headers, the keys and the time. */
export interface VerifyVodHttpCallbackInput {
  /** The callback URL as configured in VOD (scheme + host + path). */
  readonly url: string;
  /** The `X-VOD-TIMESTAMP` header (Unix seconds); absent when VOD signs nothing. */
  readonly timestamp: string | number | undefined;
  /** The `X-VOD-SIGNATURE` header (32 hex characters); absent when VOD signs nothing. */
  readonly signature: string | undefined;
  /**
   * Accepted `AuthKey`s: the current one, plus the previous one while rotating keys (the docs' procedure:
   * accept both, switch VOD to the new key, then drop the old). At least one non-empty key. Secret.
   */
  readonly authKeys: string | readonly string[];
  /** Current Unix time in seconds (injected clock). */
  readonly nowSeconds: number;
  /**
   * Largest accepted distance between `X-VOD-TIMESTAMP` and `nowSeconds`, in s, in either direction (clocks
   * differ). 0–86400. @defaultValue 300 (the docs' example: 5 minutes)
   */
  readonly maxSkewSeconds?: number | undefined;
}

/** Result of {@link verifyVodHttpCallback}. */
export type VodHttpCallbackVerification =
  /** Signed with `authKeys[keyIndex]` within the time window. */
  | { readonly ok: true; readonly keyIndex: number }
  /**
   * `missing-headers`: no timestamp or signature; `invalid-timestamp`: not Unix seconds; `stale-timestamp`:
   * outside `maxSkewSeconds`; `signature-mismatch`: no accepted key produces the signature.
   */
  | {
      readonly ok: false;
      readonly reason: 'missing-headers' | 'invalid-timestamp' | 'stale-timestamp' | 'signature-mismatch';
    };

/**
 * Verifies the `X-VOD-TIMESTAMP` / `X-VOD-SIGNATURE` headers of a VOD HTTP callback (docs/vod-events.md §4):
 * recomputes {@link signVodHttpCallback} for each accepted key, compares in constant time (hex case ignored),
 * and rejects timestamps more than `maxSkewSeconds` away from `nowSeconds`. Pure apart from the hash. Only the
 * URL, timestamp and key are signed — a valid signature proves the sender knows the key, not that the body is
 * unchanged.
 *
 * @throws {@link MnsConfigError} (code `ERR_MNS_INVALID_ARGUMENT`) for receiver misconfiguration: no key, an
 * empty key, a non-finite `nowSeconds` or an out-of-range `maxSkewSeconds`. Request problems are results.
 */
export function verifyVodHttpCallback(input: VerifyVodHttpCallbackInput): VodHttpCallbackVerification {
  const keys = typeof input.authKeys === 'string' ? [input.authKeys] : input.authKeys;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw invalidArgument('authKeys', keys, 'at least one AuthKey', { redact: true });
  }
  keys.forEach((key, i) => {
    if (typeof key !== 'string' || key === '') {
      throw invalidArgument(`authKeys[${i}]`, key, 'a non-empty string', { redact: true });
    }
  });
  if (typeof input.nowSeconds !== 'number' || !Number.isFinite(input.nowSeconds)) {
    throw invalidArgument('nowSeconds', input.nowSeconds, 'the current Unix time in seconds');
  }
  const maxSkew = input.maxSkewSeconds ?? 300;
  if (!isFiniteInRange(maxSkew, 0, 86_400)) {
    throw invalidArgument('maxSkewSeconds', maxSkew, 'a number of seconds from 0 to 86400');
  }
  const { timestamp, signature } = input;
  if (timestamp === undefined || timestamp === '' || signature === undefined || signature === '') {
    return { ok: false, reason: 'missing-headers' };
  }
  const ts =
    typeof timestamp === 'number'
      ? timestamp
      : /^[1-9][0-9]{0,15}$/.test(timestamp)
        ? Number(timestamp)
        : Number.NaN;
  if (!Number.isSafeInteger(ts) || ts <= 0) return { ok: false, reason: 'invalid-timestamp' };
  if (Math.abs(input.nowSeconds - ts) > maxSkew) return { ok: false, reason: 'stale-timestamp' };
  if (!/^[0-9a-fA-F]{32}$/.test(signature)) return { ok: false, reason: 'signature-mismatch' };

  const given = Buffer.from(signature, 'hex');
  let match = -1;
  keys.forEach((authKey, i) => {
    // Compare against every key (no early exit), so timing does not reveal which key matched.
    const expected = Buffer.from(signVodHttpCallback({ url: input.url, timestamp: ts, authKey }), 'hex');
    if (timingSafeEqual(given, expected) && match === -1) match = i;
  });
  return match === -1 ? { ok: false, reason: 'signature-mismatch' } : { ok: true, keyIndex: match };
}

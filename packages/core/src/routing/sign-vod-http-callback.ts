import { createHash } from 'node:crypto';
import { invalidArgument } from '../errors/invalid-argument.js';

/** Input of {@link signVodHttpCallback}. */
export interface SignVodHttpCallbackInput {
  /** The callback URL as configured in VOD (scheme + host + path), e.g. `https://media.example.com/vod/callback`. */
  readonly url: string;
  /** `X-VOD-TIMESTAMP`: Unix time in seconds, a positive integer (number, or the header's digit string). */
  readonly timestamp: number | string;
  /** The `AuthKey`. Secret: never echoed in errors. */
  readonly authKey: string;
}

/**
 * Computes `X-VOD-SIGNATURE` of a VOD HTTP callback (docs/vod-events.md §4):
 * `hex(md5(url + "|" + timestamp + "|" + authKey))`, 32 lower-case hex characters. The body is not signed.
 * Use it on the sending side (a VOD simulator) and on the receiving side (compare with a constant-time
 * comparison, accept old and new keys while rotating, and reject stale timestamps).
 *
 * @throws {@link MnsConfigError} (code `ERR_MNS_INVALID_ARGUMENT`) for an empty URL, a timestamp that is not
 * a positive integer, or an empty key (the key itself is never shown).
 *
 * @example
 * ```ts
 * signVodHttpCallback({ url: 'https://media.example.com/vod/callback', timestamp: 1735689600, authKey: 'Vodmns2025Key' });
 * // '5d6399e6ef4a22051fbef7503474eb4f'
 * ```
 */
export function signVodHttpCallback(input: SignVodHttpCallbackInput): string {
  if (typeof input !== 'object' || input === null) {
    throw invalidArgument('input', input, 'an object { url, timestamp, authKey }');
  }
  const { url, timestamp, authKey } = input;
  if (typeof url !== 'string' || url === '') throw invalidArgument('url', url, 'the non-empty callback URL');
  const ts =
    typeof timestamp === 'number'
      ? Number.isSafeInteger(timestamp) && timestamp > 0
        ? String(timestamp)
        : undefined
      : typeof timestamp === 'string' && /^[1-9][0-9]{0,15}$/.test(timestamp)
        ? timestamp
        : undefined;
  if (ts === undefined) {
    throw invalidArgument('timestamp', timestamp, 'Unix seconds as a positive integer (X-VOD-TIMESTAMP)');
  }
  if (typeof authKey !== 'string' || authKey === '') {
    throw invalidArgument('authKey', authKey, 'a non-empty string', { redact: true });
  }
  return createHash('md5').update(`${url}|${ts}|${authKey}`, 'utf8').digest('hex');
}

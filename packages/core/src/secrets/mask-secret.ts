/**
 * The one secret-masking policy of vodmns. An access key secret, a security token, an `AuthKey` or an
 * `Authorization` value is never shown in any form: every package prints the same fixed-length mask, which
 * reveals neither characters nor length.
 */
export const SECRET_MASK = '****';

/** How {@link maskSecret} shows a secret that is not set (absent or empty). */
export const SECRET_NOT_SET = '(not set)';

/** Secrets shorter than this are not searched for by {@link redactSecrets}: replacing them would mangle text. */
export const MIN_REDACTED_SECRET_LENGTH = 4;

/**
 * Shows a secret for display: {@link SECRET_MASK} whatever its value, or {@link SECRET_NOT_SET} when it is
 * absent or empty (so a user can still tell "configured" from "missing").
 *
 * @example maskSecret('abcdefghijklmnop') === '****'; maskSecret(undefined) === '(not set)'
 */
export function maskSecret(value: string | undefined): string {
  return value === undefined || value === '' ? SECRET_NOT_SET : SECRET_MASK;
}

/**
 * Shows an access key id for display: the first 4 and last 2 characters (the first 2 of an id shorter than 10),
 * the rest as `*`. An id is not a secret, but it names an account; this is enough to tell which key is in use.
 *
 * @example maskAccessKeyId('LTAI5tABCDEFGHIJ') === 'LTAI**********IJ'
 */
export function maskAccessKeyId(value: string | undefined): string {
  if (value === undefined || value === '') return SECRET_NOT_SET;
  if (value.length < 10) return value.slice(0, 2) + '*'.repeat(Math.max(0, value.length - 2));
  return value.slice(0, 4) + '*'.repeat(value.length - 6) + value.slice(-2);
}

/**
 * Replaces every occurrence of each given secret in a text with {@link SECRET_MASK} (for messages, hints and
 * output lines that may echo a server, library or user text). `undefined` entries and secrets shorter than
 * {@link MIN_REDACTED_SECRET_LENGTH} characters are skipped.
 *
 * @example redactSecrets('bad key s3cretValue', ['s3cretValue']) === 'bad key ****'
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (s !== undefined && s.length >= MIN_REDACTED_SECRET_LENGTH) out = out.split(s).join(SECRET_MASK);
  }
  return out;
}

/**
 * Masks a secret for display: never more than the last 2 characters, and nothing at all for short values.
 * `undefined` renders as `(not set)`.
 *
 * @example maskSecret('abcdefghijklmnop') === '**************op'
 */
export function maskSecret(value: string | undefined): string {
  if (value === undefined || value === '') return '(not set)';
  if (value.length < 12) return '*'.repeat(8);
  return '*'.repeat(value.length - 2) + value.slice(-2);
}

/** Masks an access key id: keeps the first 4 and last 2 characters (ids are not secret, but are sensitive). */
export function maskAccessKeyId(value: string | undefined): string {
  if (value === undefined || value === '') return '(not set)';
  if (value.length < 10) return value.slice(0, 2) + '*'.repeat(Math.max(0, value.length - 2));
  return value.slice(0, 4) + '*'.repeat(value.length - 6) + value.slice(-2);
}

/**
 * Removes every occurrence of the given secrets from a text (used on anything printed that could echo a
 * server or library message). Secrets shorter than 4 characters are left alone (they would mangle text).
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (s !== undefined && s.length >= 4) out = out.split(s).join('****');
  }
  return out;
}

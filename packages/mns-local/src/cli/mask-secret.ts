/**
 * How the CLI shows a secret the user configured: never in full. Keeps the first 2 characters (only when the
 * secret is at least 12 characters long, so little of it is revealed) and says how long it is, enough to tell
 * which of your secrets the server is using.
 *
 * @example maskSecret('sk-0123456789abcdef') === 'sk**** (19 chars)'
 */
export function maskSecret(secret: string): string {
  const prefix = secret.length >= 12 ? secret.slice(0, 2) : '';
  return `${prefix}**** (${secret.length} chars)`;
}

/**
 * Replaces every occurrence of the given secrets in a text with `****` (for error lines that may echo user
 * input). Values shorter than 4 characters are left alone: replacing them would mangle ordinary text.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (s !== undefined && s.length >= 4) out = out.split(s).join('****');
  }
  return out;
}

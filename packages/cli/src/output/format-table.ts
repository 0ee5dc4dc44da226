/**
 * Renders rows as an aligned plain-text table with a header and a dashed rule. Cells are converted with
 * `String()`; `undefined` renders as `-`. Numbers are right-aligned, everything else left-aligned.
 */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly (string | number | boolean | undefined)[])[],
): string {
  const cells = rows.map((r) => headers.map((_, i) => (r[i] === undefined ? '-' : String(r[i]))));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => (numeric[i] ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

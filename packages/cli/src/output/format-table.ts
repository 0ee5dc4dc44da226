import { displayWidth, padToWidth, truncateToWidth } from './text-width.js';

/** Columns a shrunk column keeps at least (its header may be cut too). */
const MIN_COLUMN = 6;

/**
 * Renders rows as an aligned plain-text table with a header and a dashed rule. Cells are converted with
 * `String()`; `undefined` renders as `-`. Numbers are right-aligned, everything else left-aligned. Widths are
 * display widths (a CJK character takes 2 columns). With `maxWidth` (the terminal's width) the widest columns
 * are narrowed until each line fits, and cut cells end with `…`.
 */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly (string | number | boolean | undefined)[])[],
  maxWidth?: number,
): string {
  const cells = rows.map((r) =>
    headers.map((_, i) => (r[i] === undefined ? '-' : String(r[i]).replace(/\s*\n\s*/g, ' '))),
  );
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const widths = headers.map((h, i) =>
    Math.max(displayWidth(h), ...cells.map((c) => displayWidth(c[i] ?? ''))),
  );
  if (maxWidth !== undefined && maxWidth > 0) {
    const gaps = 2 * (headers.length - 1);
    for (;;) {
      const total = widths.reduce((a, b) => a + b, 0) + gaps;
      if (total <= maxWidth) break;
      let widest = 0;
      for (let i = 1; i < widths.length; i++) if ((widths[i] ?? 0) > (widths[widest] ?? 0)) widest = i;
      const w = widths[widest] ?? 0;
      if (w <= MIN_COLUMN) break;
      widths[widest] = Math.max(MIN_COLUMN, w - (total - maxWidth));
    }
  }
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => {
        const w = widths[i] ?? 0;
        return padToWidth(truncateToWidth(v, w), w, numeric[i]);
      })
      .join('  ')
      .trimEnd();
  return `${[line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')}\n`;
}

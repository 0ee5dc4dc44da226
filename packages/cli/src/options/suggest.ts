/**
 * The candidate closest to `input` by edit distance (case-insensitive), when it is close enough to be a typo:
 * 1 edit for words of up to 3 characters, else 2 or a third of the length, whichever is more. Used for "did you mean" hints on
 * flags, commands and event types.
 */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(needle, candidate.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = needle.length <= 3 ? 1 : Math.max(2, Math.floor(needle.length / 3));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

/** Levenshtein distance; stops early (returns `cap`) once every path exceeds `cap`. Inputs are short flag words. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= cap) return cap;
    prev = row;
  }
  return prev[b.length] ?? cap;
}

/** ` (did you mean X?)`-style hint text, or `undefined`. */
export function didYouMean(
  input: string,
  candidates: Iterable<string>,
  format = (s: string) => s,
): string | undefined {
  const s = suggest(input, candidates);
  return s === undefined ? undefined : `did you mean ${format(s)}?`;
}

import type * as z from 'zod';
import type { VodEventIssue } from './vod-event-parse-error.js';

type Issue = z.core.$ZodIssue;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Formats a path as `StreamInfos[1].Status` (non-identifier keys as `["key name"]`). */
export function formatVodEventPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** Converts zod issues to {@link VodEventIssue}s, choosing the union branch that got furthest. */
export function collectIssues(
  issues: readonly Issue[],
  base: readonly PropertyKey[],
  out: VodEventIssue[],
): void {
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const further = issue.errors.filter((branch) => branch.some((i) => !isRootTypeMismatch(i)));
      if (further.length > 0 && further[0]) {
        collectIssues(further[0], path, out);
        continue;
      }
      const expected = [
        ...new Set(
          issue.errors.flatMap((branch) =>
            branch.map((i) => (i.code === 'invalid_type' ? i.expected : 'value')),
          ),
        ),
      ];
      out.push({
        path: formatVodEventPath(path),
        message: `expected ${expected.join(' or ')}, received ${describeValue(issue.input)}`,
      });
      continue;
    }
    out.push({ path: formatVodEventPath(path), message: issueMessage(issue) });
  }
}

function isRootTypeMismatch(issue: Issue): boolean {
  return issue.code === 'invalid_type' && issue.path.length === 0;
}

function issueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `missing (expected ${issue.expected})`
        : `expected ${issue.expected}, received ${describeValue(issue.input)}`;
    case 'invalid_value':
      if (issue.input === undefined)
        return `missing (expected ${issue.values.map((v) => JSON.stringify(v)).join(' | ')})`;
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}, received ${describeValue(issue.input)}`;
    case 'invalid_format':
      return `${issue.message}, received ${describeValue(issue.input)}`;
    default:
      return issue.message;
  }
}

/** A short, safe description of a value for error messages: type plus a truncated rendering of primitives. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string': {
      const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
      return `string ${JSON.stringify(shown)}`;
    }
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} (${String(value)})`;
    default:
      return typeof value;
  }
}

import { invalidField } from './console-api-error.js';

/** A JSON object from a request body, read field by field with validation (each error names the field). */
export interface ConsoleInput {
  /** A string field; `undefined` when absent and optional. */
  string(name: string, rule: { required: true; maxLength: number }): string;
  string(name: string, rule: { required?: false; maxLength: number }): string | undefined;
  /** An integer field in `low`–`high`. */
  integer(name: string, low: number, high: number): number | undefined;
  boolean(name: string): boolean | undefined;
  /** One of `choices`. */
  choice<T extends string>(name: string, choices: readonly T[]): T | undefined;
  /** A nested object field (for attributes). */
  object(name: string): Record<string, unknown> | undefined;
}

/** Wraps `body`; throws `InvalidArgument` at once for a field that is not one of `allowed`. */
export function consoleInput(body: Record<string, unknown>, allowed: readonly string[]): ConsoleInput {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) {
      throw invalidField(
        JSON.stringify(key.slice(0, 64)),
        `is not a field of this request (expected ${allowed.join(', ')})`,
      );
    }
  }
  const present = (name: string): boolean => body[name] !== undefined && body[name] !== null;
  return {
    string(name: string, rule: { required?: boolean; maxLength: number }): string {
      if (!present(name)) {
        if (rule.required === true) throw invalidField(name, 'is required');
        return undefined as unknown as string;
      }
      const v = body[name];
      if (typeof v !== 'string') throw invalidField(name, `must be a string, got ${typeof v}`);
      if (v.length > rule.maxLength) {
        throw invalidField(name, `must be at most ${rule.maxLength} characters, got ${v.length}`);
      }
      return v;
    },
    integer(name, low, high) {
      if (!present(name)) return undefined;
      const v = body[name];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < low || v > high) {
        throw invalidField(name, `must be an integer in ${low}–${high}, got ${JSON.stringify(v)}`);
      }
      return v;
    },
    boolean(name) {
      if (!present(name)) return undefined;
      const v = body[name];
      if (typeof v !== 'boolean') throw invalidField(name, `must be true or false, got ${JSON.stringify(v)}`);
      return v;
    },
    choice(name, choices) {
      if (!present(name)) return undefined;
      const v = body[name];
      if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
        const shown = typeof v === 'string' ? JSON.stringify(v.slice(0, 64)) : typeof v;
        throw invalidField(name, `must be one of ${choices.join(', ')}, got ${shown}`);
      }
      return v as (typeof choices)[number];
    },
    object(name) {
      if (!present(name)) return undefined;
      const v = body[name];
      if (typeof v !== 'object' || v === null || Array.isArray(v))
        throw invalidField(name, 'must be an object');
      return v as Record<string, unknown>;
    },
  };
}

import { describe, expect, it } from 'vitest';
import type { CommandSpec } from '../command.js';
import { isCliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { integerFlag, listFlag, parseCommandArgs } from './parse-command-args.js';

const spec: CommandSpec = {
  name: 'demo cmd',
  summary: 's',
  usage: 'demo cmd <a> [b]',
  positionals: { min: 1, max: 2 },
  options: {
    count: { type: 'string', short: 'n', description: 'n' },
    type: { type: 'string', multiple: true, description: 't' },
    yes: { type: 'boolean', description: 'y' },
  },
  connection: true,
  examples: [],
  run: async () => ExitCode.ok,
};

function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isCliError(error) && error.exitCode === ExitCode.usage) return error.message;
    throw error;
  }
  throw new Error('no error');
}

describe('parseCommandArgs', () => {
  it('parses flags, short flags, repeated flags, connection flags and positionals', () => {
    const r = parseCommandArgs(spec, [
      'x',
      '-n',
      '3',
      '--type',
      'A,B',
      '--type',
      'C',
      '--yes',
      '--endpoint',
      'http://h',
    ]);
    expect(r.positionals).toEqual(['x']);
    expect(r.values.count).toBe('3');
    expect(r.values.yes).toBe(true);
    expect(r.values.endpoint).toBe('http://h');
    expect(listFlag(r.values, 'type')).toEqual(['A', 'B', 'C']);
    expect(r.help).toBe(false);
  });

  it('--help skips the positional check', () => {
    expect(parseCommandArgs(spec, ['--help']).help).toBe(true);
  });

  it('names the problem for unknown flags, missing values and wrong positional counts', () => {
    expect(usageError(() => parseCommandArgs(spec, ['x', '--nope']))).toMatch(/unknown flag '--nope'/);
    expect(usageError(() => parseCommandArgs(spec, ['x', '--count']))).toMatch(/--count/);
    expect(usageError(() => parseCommandArgs(spec, []))).toBe(
      'missing argument: usage: vodmns demo cmd <a> [b]',
    );
    expect(usageError(() => parseCommandArgs(spec, ['a', 'b', 'c']))).toBe(
      'unexpected argument "c" for vodmns demo cmd',
    );
  });
});

describe('integerFlag', () => {
  it.each([
    ['5', 5],
    [' 7 ', 7],
    [undefined, undefined],
  ])('%s → %s', (raw, expected) => {
    expect(integerFlag(raw === undefined ? {} : { n: raw }, 'n', 0, 10)).toBe(expected);
  });

  it.each(['-1', '11', '1.5', 'abc', ''])('rejects %j naming the flag and range', (raw) => {
    expect(usageError(() => integerFlag({ n: raw }, 'n', 0, 10))).toBe(
      `--n must be an integer from 0 to 10, got "${raw}"`,
    );
  });
});

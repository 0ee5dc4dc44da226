import type { CommandGroup, CommandSpec } from '../command.js';
import { allOptions } from '../options/parse-command-args.js';

/** The `--help` text of a leaf command: usage, description, flags, examples. */
export function renderCommandHelp(spec: CommandSpec): string {
  const lines: string[] = [];
  const usages = spec.usage.split('\n');
  lines.push(`Usage: vodmns ${usages[0]}`);
  for (const u of usages.slice(1)) lines.push(`       vodmns ${u}`);
  lines.push('', spec.summary);
  if (spec.description !== undefined) lines.push('', spec.description);
  const opts = Object.entries(allOptions(spec));
  if (opts.length > 0) {
    lines.push('', 'Flags:');
    const left = opts.map(([name, o]) => {
      const short = o.short === undefined ? '    ' : `-${o.short}, `;
      const value = o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}` : '';
      return `  ${short}--${name}${value}`;
    });
    const width = Math.max(...left.map((l) => l.length)) + 2;
    opts.forEach(([, o], i) => {
      lines.push(
        `${(left[i] ?? '').padEnd(width)}${o.description}${o.multiple === true ? ' (repeatable)' : ''}`,
      );
    });
  }
  if (spec.examples.length > 0) {
    lines.push('', 'Examples:');
    for (const e of spec.examples) lines.push(`  ${e}`);
  }
  lines.push('', EXIT_CODES_HELP);
  return `${lines.join('\n')}\n`;
}

/** The `--help` text of a command group such as `vodmns queue`. */
export function renderGroupHelp(group: CommandGroup): string {
  const width = Math.max(...group.commands.map((c) => c.name.length)) + 2;
  const lines = [
    `Usage: vodmns ${group.name} <command> [flags]`,
    '',
    group.summary,
    '',
    'Commands:',
    ...group.commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    `Run "vodmns ${group.name} <command> --help" for the flags and examples of each.`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Exit-code table appended to every help text. */
export const EXIT_CODES_HELP =
  'Exit codes: 0 ok · 1 operation failed · 2 usage error · 3 config/credentials · 4 endpoint unreachable · 130 Ctrl-C · 143 SIGTERM';

import type { OptionSpec, OptionValues } from '../command.js';
import { CliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { integerFlag, stringFlag } from '../options/parse-command-args.js';

/** Queue attribute flags of `queue create` and `queue set` (ranges from the MNS API). */
export const QUEUE_ATTRIBUTE_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  'visibility-timeout': {
    type: 'string',
    description: 'seconds a received message stays invisible, 1–43200 (service default 30)',
    valueName: 'SECONDS',
  },
  'polling-wait': {
    type: 'string',
    description: 'default long-poll wait of receives, 0–30 s (service default 0)',
    valueName: 'SECONDS',
  },
  retention: {
    type: 'string',
    description: 'message retention, 60–604800 s (service default 345600; VOD advises ≥ 3600)',
    valueName: 'SECONDS',
  },
  'max-message-size': {
    type: 'string',
    description: 'largest body, 1024–65536 bytes (service default 65536; keep it for VOD)',
    valueName: 'BYTES',
  },
  delay: {
    type: 'string',
    description: 'delay of new messages, 0–604800 s (service default 0)',
    valueName: 'SECONDS',
  },
  logging: { type: 'string', description: 'service-side logging: true or false', valueName: 'BOOL' },
};

/** The queue attributes as given by flags (only the flags present). */
export interface QueueAttributeFlags {
  visibilityTimeoutSeconds?: number;
  pollingWaitSeconds?: number;
  messageRetentionPeriodSeconds?: number;
  maximumMessageSize?: number;
  delaySeconds?: number;
  loggingEnabled?: boolean;
}

/** Reads and range-checks the queue attribute flags (usage error, exit 2, naming the flag otherwise). */
export function queueAttributeFlags(values: OptionValues): QueueAttributeFlags {
  const out: QueueAttributeFlags = {};
  const vt = integerFlag(values, 'visibility-timeout', 1, 43_200);
  if (vt !== undefined) out.visibilityTimeoutSeconds = vt;
  const pw = integerFlag(values, 'polling-wait', 0, 30);
  if (pw !== undefined) out.pollingWaitSeconds = pw;
  const rt = integerFlag(values, 'retention', 60, 604_800);
  if (rt !== undefined) out.messageRetentionPeriodSeconds = rt;
  const ms = integerFlag(values, 'max-message-size', 1024, 65_536);
  if (ms !== undefined) out.maximumMessageSize = ms;
  const dl = integerFlag(values, 'delay', 0, 604_800);
  if (dl !== undefined) out.delaySeconds = dl;
  const lg = stringFlag(values, 'logging');
  if (lg !== undefined) {
    const v = lg.trim().toLowerCase();
    if (v !== 'true' && v !== 'false') {
      throw new CliError(
        ExitCode.usage,
        `--logging must be true or false, got "${lg}"`,
        'e.g. --logging false',
      );
    }
    out.loggingEnabled = v === 'true';
  }
  return out;
}

/** Each attribute's flag and the value MNS uses when the flag is not given (as the flag help says). */
const ATTRIBUTE_FLAGS: readonly [keyof QueueAttributeFlags, string, number | boolean][] = [
  ['visibilityTimeoutSeconds', 'visibility-timeout', 30],
  ['pollingWaitSeconds', 'polling-wait', 0],
  ['messageRetentionPeriodSeconds', 'retention', 345_600],
  ['maximumMessageSize', 'max-message-size', 65_536],
  ['delaySeconds', 'delay', 0],
  ['loggingEnabled', 'logging', false],
];

/**
 * How an existing queue differs from what `queue create` asked for (flags given, service defaults for the
 * rest), one entry per attribute, e.g. `--visibility-timeout: the queue has 60, you asked for 30 (the default)`.
 */
export function describeAttributeConflict(
  asked: QueueAttributeFlags,
  actual: Readonly<Record<keyof QueueAttributeFlags, number | boolean>>,
): string[] {
  const out: string[] = [];
  for (const [key, flag, fallback] of ATTRIBUTE_FLAGS) {
    const want = asked[key] ?? fallback;
    if (actual[key] === want) continue;
    out.push(
      `--${flag}: the queue has ${String(actual[key])}, you asked for ${String(want)}${asked[key] === undefined ? ' (the default)' : ''}`,
    );
  }
  return out;
}

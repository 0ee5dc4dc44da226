import { MNS_LIMITS, type MnsRange } from '@vodmns/core';
import type { OptionSpec, OptionValues } from '../command.js';
import { CliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { integerFlag, stringFlag } from '../options/parse-command-args.js';

const L = MNS_LIMITS;

/** `min–max` of a range, for help texts. */
export function rangeText(range: MnsRange): string {
  return `${range.min}–${range.max}`;
}

/** An integer flag within an MNS range (see {@link integerFlag}). */
export function mnsIntegerFlag(values: OptionValues, name: string, range: MnsRange): number | undefined {
  return integerFlag(values, name, range.min, range.max);
}

/** Queue attribute flags of `queue create` and `queue set` (ranges: core's `MNS_LIMITS`). */
export const QUEUE_ATTRIBUTE_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  'visibility-timeout': {
    type: 'string',
    description: `seconds a received message stays invisible, ${rangeText(L.visibilityTimeoutSeconds)} (service default ${L.visibilityTimeoutSeconds.default})`,
    valueName: 'SECONDS',
  },
  'polling-wait': {
    type: 'string',
    description: `default long-poll wait of receives, ${rangeText(L.pollingWaitSeconds)} s (service default ${L.pollingWaitSeconds.default})`,
    valueName: 'SECONDS',
  },
  retention: {
    type: 'string',
    description: `message retention, ${rangeText(L.messageRetentionPeriodSeconds)} s (service default ${L.messageRetentionPeriodSeconds.default}; VOD advises ≥ 3600)`,
    valueName: 'SECONDS',
  },
  'max-message-size': {
    type: 'string',
    description: `largest body, ${rangeText(L.maximumMessageSizeBytes)} bytes (service default ${L.maximumMessageSizeBytes.default}; keep it for VOD)`,
    valueName: 'BYTES',
  },
  delay: {
    type: 'string',
    description: `delay of new messages, ${rangeText(L.delaySeconds)} s (service default ${L.delaySeconds.default})`,
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
  const vt = mnsIntegerFlag(values, 'visibility-timeout', L.visibilityTimeoutSeconds);
  if (vt !== undefined) out.visibilityTimeoutSeconds = vt;
  const pw = mnsIntegerFlag(values, 'polling-wait', L.pollingWaitSeconds);
  if (pw !== undefined) out.pollingWaitSeconds = pw;
  const rt = mnsIntegerFlag(values, 'retention', L.messageRetentionPeriodSeconds);
  if (rt !== undefined) out.messageRetentionPeriodSeconds = rt;
  const ms = mnsIntegerFlag(values, 'max-message-size', L.maximumMessageSizeBytes);
  if (ms !== undefined) out.maximumMessageSize = ms;
  const dl = mnsIntegerFlag(values, 'delay', L.delaySeconds);
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

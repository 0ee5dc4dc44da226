import { MNS_LIMITS } from '@vodmns/core';
import type { CommandGroup, CommandSpec } from '../command.js';
import { CliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { booleanFlag, stringFlag } from '../options/parse-command-args.js';
import { formatTable } from '../output/format-table.js';
import { withConnection } from './connect.js';
import {
  describeAttributeConflict,
  mnsIntegerFlag,
  QUEUE_ATTRIBUTE_OPTIONS,
  queueAttributeFlags,
  rangeText,
} from './queue-attribute-options.js';

const JSON_OPTION = { json: { type: 'boolean', description: 'print JSON' } } as const;

/** `vodmns queue create <queue>`. */
export const queueCreateCommand: CommandSpec = {
  name: 'queue create',
  summary: 'create a queue (idempotent when the attributes match)',
  usage: 'queue create <queue> [attribute flags]',
  positionals: { min: 1, max: 1 },
  options: { ...QUEUE_ATTRIBUTE_OPTIONS, ...JSON_OPTION },
  connection: true,
  examples: [
    'vodmns queue create vod-events',
    'vodmns queue create vod-events --visibility-timeout 60 --retention 86400 --polling-wait 10',
  ],
  async run({ io, values, positionals }) {
    const queueName = positionals[0] as string;
    const attributes = queueAttributeFlags(values);
    return withConnection(io, values, async ({ client }) => {
      let out: Awaited<ReturnType<typeof client.createQueue>>;
      try {
        out = await client.createQueue({ queueName, attributes });
      } catch (error) {
        if ((error as { code?: string }).code !== 'QueueAlreadyExist') throw error;
        // Name the attributes that differ (a conflict is only "exists with other attributes" otherwise).
        const differ = describeAttributeConflict(attributes, await client.getQueueAttributes({ queueName }));
        throw new CliError(
          ExitCode.failed,
          `queue ${queueName} already exists with other attributes: ${differ.join('; ') || 'unknown difference'}`,
          `use the queue as it is, or change it with: vodmns queue set ${queueName} --<flag> <value>`,
          { cause: error },
        );
      }
      if (booleanFlag(values, 'json')) io.stdout.write(`${JSON.stringify({ queueName, ...out })}\n`);
      else
        io.stdout.write(`${out.created ? 'created' : 'already exists (same attributes)'}: ${out.queueUrl}\n`);
      return ExitCode.ok;
    });
  },
};

/** `vodmns queue list`. */
export const queueListCommand: CommandSpec = {
  name: 'queue list',
  summary: 'list queues with their message counts',
  usage: 'queue list [--prefix PREFIX] [--json]',
  positionals: { min: 0, max: 0 },
  options: {
    prefix: { type: 'string', description: 'only queues whose name starts with PREFIX', valueName: 'PREFIX' },
    limit: {
      type: 'string',
      description: `at most N queues, ${rangeText(MNS_LIMITS.listQueuesPageSize)} (default: all)`,
      valueName: 'N',
    },
    ...JSON_OPTION,
  },
  connection: true,
  examples: ['vodmns queue list', 'vodmns queue list --prefix vod- --json'],
  async run({ io, values }) {
    const prefix = stringFlag(values, 'prefix');
    const limit = mnsIntegerFlag(values, 'limit', MNS_LIMITS.listQueuesPageSize);
    return withConnection(io, values, async ({ client }) => {
      const queues = [];
      let marker: string | undefined;
      do {
        const page = await client.listQueues({
          prefix,
          marker,
          withMeta: true,
          pageSize: limit ?? MNS_LIMITS.listQueuesPageSize.max,
        });
        queues.push(...page.queues);
        marker = page.nextMarker;
      } while (marker !== undefined && (limit === undefined || queues.length < limit));
      const shown = limit === undefined ? queues : queues.slice(0, limit);
      if (booleanFlag(values, 'json')) {
        for (const q of shown) io.stdout.write(`${JSON.stringify(q)}\n`);
      } else if (shown.length === 0) {
        io.stderr.write(prefix === undefined ? 'no queues\n' : `no queues starting with "${prefix}"\n`);
      } else {
        io.stdout.write(
          formatTable(
            ['queue', 'active', 'inactive', 'delayed', 'visibility(s)', 'retention(s)'],
            shown.map((q) => [
              q.queueName,
              q.attributes?.activeMessages,
              q.attributes?.inactiveMessages,
              q.attributes?.delayMessages,
              q.attributes?.visibilityTimeoutSeconds,
              q.attributes?.messageRetentionPeriodSeconds,
            ]),
            io.stdout.columns,
          ),
        );
        io.stderr.write(COUNTS_NOTE);
      }
      return ExitCode.ok;
    });
  },
};

/**
 * Printed under a table with message counts: only mns-local fills them; the live service has announced they
 * return 0 (docs/mns-protocol.md), so nothing should rely on them in production.
 */
const COUNTS_NOTE =
  'note: the message counts are exact on mns-local only; the live MNS service reports them as 0 ' +
  '(use CloudMonitor NumberOfMessagesVisible/Invisible/Delayed there)\n';

/** `vodmns queue attrs <queue>`. */
export const queueAttrsCommand: CommandSpec = {
  name: 'queue attrs',
  summary: "show a queue's attributes and message counts",
  usage: 'queue attrs <queue> [--json]',
  positionals: { min: 1, max: 1 },
  options: { ...JSON_OPTION },
  connection: true,
  examples: ['vodmns queue attrs vod-events', 'vodmns queue attrs vod-events --json'],
  async run({ io, values, positionals }) {
    const queueName = positionals[0] as string;
    return withConnection(io, values, async ({ client }) => {
      const a = await client.getQueueAttributes({ queueName });
      if (booleanFlag(values, 'json')) {
        io.stdout.write(`${JSON.stringify(a)}\n`);
      } else {
        io.stdout.write(
          formatTable(
            ['attribute', 'value'],
            [
              ['QueueName', a.queueName],
              ['VisibilityTimeout (s)', String(a.visibilityTimeoutSeconds)],
              ['PollingWaitSeconds', String(a.pollingWaitSeconds)],
              ['MessageRetentionPeriod (s)', String(a.messageRetentionPeriodSeconds)],
              ['MaximumMessageSize (bytes)', String(a.maximumMessageSize)],
              ['DelaySeconds', String(a.delaySeconds)],
              ['LoggingEnabled', String(a.loggingEnabled)],
              ['ActiveMessages', String(a.activeMessages)],
              ['InactiveMessages', String(a.inactiveMessages)],
              ['DelayMessages', String(a.delayMessages)],
              ['CreateTime', new Date(a.createTime).toISOString()],
              ['LastModifyTime', new Date(a.lastModifyTime).toISOString()],
            ],
            io.stdout.columns,
          ),
        );
        io.stderr.write(COUNTS_NOTE);
      }
      return ExitCode.ok;
    });
  },
};

/** `vodmns queue set <queue>`. */
export const queueSetCommand: CommandSpec = {
  name: 'queue set',
  summary: "change a queue's attributes (only the flags given)",
  usage: 'queue set <queue> <attribute flags>',
  positionals: { min: 1, max: 1 },
  options: { ...QUEUE_ATTRIBUTE_OPTIONS },
  connection: true,
  examples: [
    'vodmns queue set vod-events --visibility-timeout 120',
    'vodmns queue set vod-events --logging true',
  ],
  async run({ io, values, positionals }) {
    const queueName = positionals[0] as string;
    const attributes = queueAttributeFlags(values);
    if (Object.keys(attributes).length === 0) {
      throw new CliError(
        ExitCode.usage,
        'queue set needs at least one attribute flag',
        'e.g. --visibility-timeout 60 (see: vodmns queue set --help)',
      );
    }
    return withConnection(io, values, async ({ client }) => {
      await client.setQueueAttributes({ queueName, attributes });
      io.stdout.write(`updated ${queueName}: ${Object.keys(attributes).join(', ')}\n`);
      return ExitCode.ok;
    });
  },
};

/** `vodmns queue delete <queue>`. */
export const queueDeleteCommand: CommandSpec = {
  name: 'queue delete',
  summary: 'delete a queue and every message in it',
  usage: 'queue delete <queue>',
  positionals: { min: 1, max: 1 },
  options: {},
  connection: true,
  examples: ['vodmns queue delete vod-events-test'],
  async run({ io, values, positionals }) {
    const queueName = positionals[0] as string;
    return withConnection(io, values, async ({ client }) => {
      // MNS answers a delete of a missing queue with success: ask first, so a typo is not "deleted".
      try {
        await client.getQueueAttributes({ queueName });
      } catch (error) {
        if ((error as { code?: string }).code !== 'QueueNotExist') throw error;
        throw new CliError(
          ExitCode.failed,
          `no queue named ${queueName}: nothing deleted`,
          'list the queues with: vodmns queue list',
          {
            cause: error,
          },
        );
      }
      await client.deleteQueue({ queueName });
      io.stdout.write(`deleted ${queueName}\n`);
      return ExitCode.ok;
    });
  },
};

/** `vodmns queue …`. */
export const queueGroup: CommandGroup = {
  name: 'queue',
  summary: 'queue administration: create, list, show and change attributes, delete',
  commands: [queueCreateCommand, queueListCommand, queueAttrsCommand, queueSetCommand, queueDeleteCommand],
};

import { readFile } from 'node:fs/promises';
import { MNS_LIMITS } from '@vodmns/core';
import type { CliIo } from '../cli-io.js';
import type { CommandSpec } from '../command.js';
import { CliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { booleanFlag, stringFlag } from '../options/parse-command-args.js';
import { describeMessageBody } from '../output/describe-event.js';
import { formatTable } from '../output/format-table.js';
import { withConnection } from './connect.js';
import { mnsIntegerFlag, rangeText } from './queue-attribute-options.js';

const L = MNS_LIMITS;

const JSON_OPTION = {
  json: { type: 'boolean', description: 'print one JSON object per message (NDJSON)' },
} as const;

async function readBody(
  io: CliIo,
  positional: string | undefined,
  file: string | undefined,
): Promise<string> {
  if (positional !== undefined && file !== undefined) {
    throw new CliError(
      ExitCode.usage,
      'give the body either as an argument or with --file, not both',
      'see: vodmns send --help',
    );
  }
  if (file !== undefined) {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw new CliError(
        ExitCode.usage,
        `cannot read --file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        'check the path',
      );
    }
  }
  if (positional === '-') {
    const chunks: string[] = [];
    const decoder = new TextDecoder();
    for await (const chunk of io.stdin ?? [])
      chunks.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    chunks.push(decoder.decode());
    return chunks.join('');
  }
  if (positional === undefined) {
    throw new CliError(
      ExitCode.usage,
      'missing message body',
      'pass it as an argument, with --file FILE, or - for stdin',
    );
  }
  return positional;
}

/** `vodmns send <queue> <body>`. */
export const sendCommand: CommandSpec = {
  name: 'send',
  summary: 'send one message to a queue',
  usage: 'send <queue> <body | - | --file FILE> [--delay S] [--priority P]',
  description:
    'Sends the body as is (raw text). "-" reads the body from standard input. MNS sends are not idempotent: if the connection fails after the request left, retrying can enqueue a duplicate.',
  positionals: { min: 1, max: 2 },
  options: {
    file: { type: 'string', description: 'read the body from FILE', valueName: 'FILE' },
    delay: {
      type: 'string',
      description: `delay before the message becomes visible, ${rangeText(L.delaySeconds)} s`,
      valueName: 'SECONDS',
    },
    priority: {
      type: 'string',
      description: `${L.priority.min} (highest) – ${L.priority.max} (lowest), default ${L.priority.default}`,
      valueName: 'P',
    },
    base64: {
      type: 'boolean',
      description: 'base64-encode the body on the wire (like the Java/Python SDKs)',
    },
    ...JSON_OPTION,
  },
  connection: true,
  examples: [
    `vodmns send vod-events '{"EventType":"FileUploadComplete","VideoId":"abc","Status":"success","EventTime":"2025-01-01T00:00:00Z"}'`,
    'vodmns send vod-events --file event.json --priority 1',
    'cat event.json | vodmns send vod-events -',
  ],
  async run({ io, values, positionals }) {
    const queueName = positionals[0] as string;
    const delaySeconds = mnsIntegerFlag(values, 'delay', L.delaySeconds);
    const priority = mnsIntegerFlag(values, 'priority', L.priority);
    const messageBody = await readBody(io, positionals[1], stringFlag(values, 'file'));
    return withConnection(io, values, async ({ client }) => {
      const out = await client.sendMessage({
        queueName,
        messageBody,
        delaySeconds,
        priority,
        bodyEncoding: booleanFlag(values, 'base64') ? 'base64' : 'raw',
      });
      if (booleanFlag(values, 'json')) io.stdout.write(`${JSON.stringify(out)}\n`);
      else io.stdout.write(`sent ${out.messageId} (md5 ${out.messageBodyMd5})\n`);
      return ExitCode.ok;
    });
  },
};

interface ShownMessage {
  readonly messageId: string;
  readonly messageBody: string;
  readonly dequeueCount: number;
  readonly enqueueTime: number;
  readonly priority: number;
  readonly receiptHandle?: string | undefined;
  readonly nextVisibleTime?: number | undefined;
}

function printMessages(io: CliIo, messages: readonly ShownMessage[], json: boolean, full: boolean): void {
  if (json) {
    for (const m of messages) io.stdout.write(`${JSON.stringify(m)}\n`);
    return;
  }
  io.stdout.write(
    formatTable(
      ['messageId', 'dequeued', 'enqueued', 'body'],
      messages.map((m) => [
        m.messageId,
        m.dequeueCount,
        new Date(m.enqueueTime).toISOString(),
        full ? m.messageBody : describeMessageBody(m.messageBody),
      ]),
      // --full shows whole bodies: never cut them.
      full ? undefined : io.stdout.columns,
    ),
  );
}

/** `vodmns peek <queue>`. */
export const peekCommand: CommandSpec = {
  name: 'peek',
  summary: 'look at messages without receiving them (no visibility change)',
  usage: 'peek <queue> [-n N] [--json] [--full]',
  positionals: { min: 1, max: 1 },
  options: {
    number: {
      type: 'string',
      short: 'n',
      description: `up to N messages, ${rangeText(L.batchSize)} (default 1)`,
      valueName: 'N',
    },
    full: { type: 'boolean', description: 'print whole bodies instead of a one-line summary' },
    ...JSON_OPTION,
  },
  connection: true,
  examples: ['vodmns peek vod-events', 'vodmns peek vod-events -n 16 --json'],
  async run({ io, values, positionals }) {
    const queueName = positionals[0] as string;
    const numOfMessages = mnsIntegerFlag(values, 'number', L.batchSize) ?? 1;
    return withConnection(io, values, async ({ client }) => {
      const messages = await client.batchPeekMessage({ queueName, numOfMessages });
      if (messages.length === 0) io.stderr.write(`no active message in ${queueName}\n`);
      else printMessages(io, messages, booleanFlag(values, 'json'), booleanFlag(values, 'full'));
      return ExitCode.ok;
    });
  },
};

/** `vodmns receive <queue>`. */
export const receiveCommand: CommandSpec = {
  name: 'receive',
  summary: 'receive messages (like the console\'s "receive message" button); --delete acknowledges them',
  usage: 'receive <queue> [-n N] [--wait S] [--delete] [--json] [--full]',
  description:
    "Received messages become invisible for the queue's visibility timeout; without --delete they come back afterwards (dequeue count +1). With --delete they are deleted after they were printed.",
  positionals: { min: 1, max: 1 },
  options: {
    number: {
      type: 'string',
      short: 'n',
      description: `up to N messages, ${rangeText(L.batchSize)} (default 1)`,
      valueName: 'N',
    },
    wait: {
      type: 'string',
      description: `long-poll up to S seconds, ${rangeText(L.pollingWaitSeconds)} (default: the queue's PollingWaitSeconds)`,
      valueName: 'S',
    },
    delete: { type: 'boolean', description: 'delete the received messages (acknowledge)' },
    full: { type: 'boolean', description: 'print whole bodies instead of a one-line summary' },
    ...JSON_OPTION,
  },
  connection: true,
  examples: ['vodmns receive vod-events', 'vodmns receive vod-events -n 16 --wait 10 --delete --json'],
  async run({ io, values, positionals }) {
    const queueName = positionals[0] as string;
    const numOfMessages = mnsIntegerFlag(values, 'number', L.batchSize) ?? 1;
    const waitSeconds = mnsIntegerFlag(values, 'wait', L.pollingWaitSeconds);
    return withConnection(io, values, async ({ client }) => {
      const messages = await client.batchReceiveMessage({
        queueName,
        numOfMessages,
        waitSeconds,
        ...(io.signal === undefined ? {} : { signal: io.signal }),
      });
      if (messages.length === 0) {
        io.stderr.write(`no message in ${queueName}\n`);
        return ExitCode.ok;
      }
      printMessages(io, messages, booleanFlag(values, 'json'), booleanFlag(values, 'full'));
      if (booleanFlag(values, 'delete')) {
        const out = await client.batchDeleteMessage({
          queueName,
          receiptHandles: messages.map((m) => m.receiptHandle),
        });
        const deleted = messages.length - out.failed.length;
        io.stderr.write(`deleted ${deleted} of ${messages.length}\n`);
        if (out.failed.length > 0) {
          const f = out.failed[0];
          throw new CliError(
            ExitCode.failed,
            `${out.failed.length} message(s) not deleted: ${f?.errorCode}: ${f?.errorMessage}`,
            'their visibility timeout probably expired before the delete; receive them again',
          );
        }
      } else {
        io.stderr.write(
          `not deleted: they reappear after the visibility timeout (use --delete to acknowledge)\n`,
        );
      }
      return ExitCode.ok;
    });
  },
};

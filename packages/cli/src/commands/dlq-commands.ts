import type { ReceivedMessage } from '@vodmns/core';
import type { MnsClient } from '@vodmns/mns-transport';
import type { CommandGroup, CommandSpec } from '../command.js';
import { CliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { oneLine, toCliError } from '../errors/to-cli-error.js';
import { booleanFlag, integerFlag, listFlag, stringFlag } from '../options/parse-command-args.js';
import { formatTable } from '../output/format-table.js';
import { type DeadLetterParser, viewMessageBody, whyNotVodEvent } from '../output/view-message.js';
import { withConnection } from './connect.js';

/** BatchPeekMessage / BatchReceiveMessage return at most 16 messages. */
const BATCH = 16;

async function deadLetterParser(): Promise<DeadLetterParser> {
  // Loaded on demand: rx (and rxjs) only for the commands that read its envelopes.
  return (await import('@vodmns/rx')).parseDeadLetterEnvelope;
}

async function requireQueue(client: MnsClient, queueName: string, role: string): Promise<void> {
  try {
    await client.getQueueAttributes({ queueName });
  } catch (error) {
    if ((error as { code?: string }).code === 'QueueNotExist') {
      throw new CliError(
        ExitCode.failed,
        `no ${role} named ${queueName}`,
        'list the queues with: vodmns queue list',
        { cause: error },
      );
    }
    throw error;
  }
}

/** `vodmns dlq list <dlq>`. */
export const dlqListCommand: CommandSpec = {
  name: 'dlq list',
  summary: 'list dead letters by peeking: why, when, from which queue (changes nothing)',
  usage: 'dlq list <dlq> [-n N] [--json]',
  description: [
    'Peeks at the dead-letter queue (no receive: nothing changes) and decodes each vodmns dead-letter envelope',
    '(written by @vodmns/rx): the source queue, why it was dead-lettered, the error, when, and the original event.',
    'A peek shows at most the 16 messages at the head of the queue that are visible now.',
  ].join('\n'),
  positionals: { min: 1, max: 1 },
  options: {
    number: {
      type: 'string',
      short: 'n',
      description: 'up to N messages, 1–16 (default 16)',
      valueName: 'N',
    },
    json: { type: 'boolean', description: 'one JSON object per message (NDJSON)' },
  },
  connection: true,
  examples: [
    'vodmns dlq list vod-events-dlq',
    'vodmns dlq list vod-events-dlq --json | jq .deadLetter.reason',
  ],
  async run({ io, values, positionals }) {
    const queueName = positionals[0] as string;
    const numOfMessages = integerFlag(values, 'number', 1, BATCH) ?? BATCH;
    const json = booleanFlag(values, 'json');
    const parse = await deadLetterParser();
    return withConnection(io, values, async ({ client }) => {
      await requireQueue(client, queueName, 'dead-letter queue');
      const messages = await client.batchPeekMessage({ queueName, numOfMessages });
      if (messages.length === 0) {
        io.stderr.write(`no visible message in ${queueName}\n`);
        return ExitCode.ok;
      }
      const rows = messages.map((m) => ({ message: m, view: viewMessageBody(m.messageBody, parse) }));
      if (json) {
        for (const { message: m, view } of rows) {
          io.stdout.write(
            `${JSON.stringify({
              messageId: m.messageId,
              enqueueTime: new Date(m.enqueueTime).toISOString(),
              type: view.type,
              mediaId: view.mediaId,
              deadLetter: view.deadLetter ?? null,
              ...(view.deadLetter === undefined ? { body: m.messageBody } : {}),
            })}\n`,
          );
        }
      } else {
        io.stdout.write(
          formatTable(
            ['id', 'dead-lettered', 'from queue', 'why', 'event', 'media id'],
            rows.map(({ message: m, view }) => {
              const d = view.deadLetter;
              return [
                m.messageId,
                d?.deadLetteredAt ?? new Date(m.enqueueTime).toISOString(),
                d?.sourceQueue ?? '(not a vodmns dead letter)',
                d === undefined ? undefined : `${d.reason}: ${d.error}`,
                view.type ?? (view.notVodEvent === undefined ? '-' : whyNotVodEvent(view.notVodEvent)),
                view.mediaId ?? undefined,
              ];
            }),
            io.stdout.columns,
          ),
        );
      }
      io.stderr.write(
        `${messages.length} message(s) peeked (nothing changed); replay with: vodmns dlq replay ${queueName}\n`,
      );
      return ExitCode.ok;
    });
  },
};

interface ReplayTally {
  replayed: number;
  skipped: number;
  failed: number;
  /** Sent to the target but the DLQ delete failed: it is in both queues (a replay again would duplicate it). */
  duplicated: number;
}

/** `vodmns dlq replay <dlq>`. */
export const dlqReplayCommand: CommandSpec = {
  name: 'dlq replay',
  summary: 'move dead letters back: send each original body to its queue, then delete it from the DLQ',
  usage: 'dlq replay <dlq> [--to QUEUE] [--ids ID,…] [--max N] [--json]',
  description: [
    'Receives from the dead-letter queue and, for each vodmns dead-letter envelope, sends the original body',
    'verbatim to the queue it came from (or --to QUEUE), then deletes it from the DLQ — only after the send',
    'succeeded, so a message is never lost: a failed send leaves it in the DLQ (released at once), a failed delete',
    'after a good send is reported (it is then in both queues). Messages that are not envelopes are replayed only',
    'with --to (their body is sent as is). --ids limits the replay to these ids (the DLQ message id, or the',
    'original message id shown by dlq list); the rest are released untouched (a receive raises their DequeueCount).',
    'Ctrl-C, SIGTERM or a closed output stop after the message in progress and release the rest.',
    'Exit 0 when everything picked was replayed, 1 when any send or delete failed.',
  ].join('\n'),
  positionals: { min: 1, max: 1 },
  options: {
    to: {
      type: 'string',
      description: "send to this queue instead of each envelope's source queue",
      valueName: 'QUEUE',
    },
    ids: {
      type: 'string',
      multiple: true,
      description: 'only these message ids (comma-separated or repeated)',
      valueName: 'ID',
    },
    max: { type: 'string', description: 'replay at most N messages (default: all)', valueName: 'N' },
    json: { type: 'boolean', description: 'one JSON object per message handled, then a tally (NDJSON)' },
  },
  connection: true,
  examples: [
    'vodmns dlq replay vod-events-dlq',
    'vodmns dlq replay vod-events-dlq --ids 7C8A…,9F21… --to vod-events-cn-shanghai',
  ],
  async run({ io, values, positionals }) {
    const dlq = positionals[0] as string;
    const to = stringFlag(values, 'to');
    const ids = new Set(listFlag(values, 'ids'));
    const max = integerFlag(values, 'max', 1, Number.MAX_SAFE_INTEGER);
    const json = booleanFlag(values, 'json');
    const parse = await deadLetterParser();
    return withConnection(io, values, async ({ client }) => {
      await requireQueue(client, dlq, 'dead-letter queue');
      if (to === dlq) {
        throw new CliError(
          ExitCode.usage,
          '--to names the dead-letter queue itself',
          'give the queue to move them to',
        );
      }
      if (to !== undefined) await requireQueue(client, to, 'target queue');
      const tally: ReplayTally = { replayed: 0, skipped: 0, failed: 0, duplicated: 0 };
      /** Received and not (yet) deleted: released at the end, whatever ends the run. */
      const held = new Map<string, ReceivedMessage>();
      const handled = new Set<string>();
      const report = (m: ReceivedMessage, outcome: string, detail: Record<string, unknown>): void => {
        if (json) io.stdout.write(`${JSON.stringify({ messageId: m.messageId, outcome, ...detail })}\n`);
        else
          io.stdout.write(
            `${outcome.padEnd(10)} ${m.messageId}  ${Object.entries(detail)
              .map(([k, v]) => `${k}=${String(v)}`)
              .join(' ')}\n`,
          );
      };
      const stopped = (): boolean => io.signal?.aborted === true;
      try {
        outer: while (!stopped()) {
          if (max !== undefined && tally.replayed + tally.failed >= max) break;
          if (ids.size > 0 && [...ids].every((id) => handled.has(id))) break;
          const batch = await client.batchReceiveMessage({
            queueName: dlq,
            numOfMessages: BATCH,
            waitSeconds: 0,
          });
          // Only messages not seen in this run: the rest were skipped before and came back (visibility ran out).
          const fresh = batch.filter((m) => !handled.has(m.messageId));
          for (const m of batch) held.set(m.messageId, m);
          if (fresh.length === 0) break;
          for (const m of fresh) {
            if (stopped() || (max !== undefined && tally.replayed + tally.failed >= max)) break outer;
            handled.add(m.messageId);
            const envelope = parse(m.messageBody);
            const original = envelope.ok ? envelope.value : undefined;
            if (
              ids.size > 0 &&
              !ids.has(m.messageId) &&
              (original === undefined || !ids.has(original.messageId))
            ) {
              tally.skipped += 1;
              continue;
            }
            if (original !== undefined) handled.add(original.messageId);
            const target = to ?? original?.sourceQueue;
            if (target === dlq) {
              tally.skipped += 1;
              report(m, 'skipped', { reason: 'its source queue is this DLQ; give --to QUEUE' });
              continue;
            }
            if (target === undefined) {
              tally.skipped += 1;
              const why = viewMessageBody(m.messageBody).notVodEvent;
              report(m, 'skipped', {
                reason: 'not a vodmns dead-letter envelope; give --to QUEUE to replay its body as is',
                ...(why === undefined ? {} : { body: whyNotVodEvent(why) }),
              });
              continue;
            }
            try {
              await client.sendMessage({
                queueName: target,
                messageBody: original?.body ?? m.messageBody,
                ...(original === undefined ? {} : { priority: original.priority }),
              });
            } catch (error) {
              tally.failed += 1;
              report(m, 'failed', {
                to: target,
                error: oneLine(toCliError(error).message),
                kept: 'in the DLQ',
              });
              continue;
            }
            try {
              await client.deleteMessage({ queueName: dlq, receiptHandle: m.receiptHandle });
              held.delete(m.messageId);
              tally.replayed += 1;
              report(m, 'replayed', { to: target });
            } catch (error) {
              tally.duplicated += 1;
              report(m, 'duplicated', {
                to: target,
                error: `sent, but the DLQ delete failed: ${oneLine(toCliError(error).message)}`,
              });
            }
          }
        }
      } finally {
        // Everything received and not replayed goes back within a second (not after the DLQ's visibility
        // timeout). MNS's smallest visibility timeout is 1 s.
        const results = await Promise.all(
          [...held.values()].map((m) =>
            client
              .changeMessageVisibility({
                queueName: dlq,
                receiptHandle: m.receiptHandle,
                visibilityTimeoutSeconds: 1,
              })
              .then(
                () => true,
                () => false,
              ),
          ),
        );
        const unreleased = results.filter((x) => !x).length;
        if (unreleased > 0) {
          io.stderr.write(
            `${unreleased} message(s) could not be released: they stay in ${dlq} and are visible again after its visibility timeout\n`,
          );
        }
      }
      const summary = `${tally.replayed} replayed, ${tally.skipped} skipped, ${tally.failed} failed (kept in ${dlq}), ${tally.duplicated} sent but not deleted`;
      if (json) io.stdout.write(`${JSON.stringify({ tally })}\n`);
      io.stderr.write(`${summary}\n`);
      if (ids.size > 0) {
        const missing = [...ids].filter((id) => !handled.has(id));
        if (missing.length > 0) io.stderr.write(`not found in ${dlq}: ${missing.join(', ')}\n`);
      }
      if (stopped()) return ExitCode.interrupted;
      return tally.failed + tally.duplicated > 0 ? ExitCode.failed : ExitCode.ok;
    });
  },
};

/** `vodmns dlq …`. */
export const dlqGroup: CommandGroup = {
  name: 'dlq',
  summary: 'dead-letter queues: list the dead letters, replay them to their queues',
  commands: [dlqListCommand, dlqReplayCommand],
};

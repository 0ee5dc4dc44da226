import {
  buildMnsEndpoint,
  buildSetMessageCallbackParams,
  isMnsError,
  parseMnsEndpoint,
  planRegionalQueues,
  type RegionalQueue,
  type SetMessageCallbackParams,
} from '@vodmns/core';
import type { MnsClient } from '@vodmns/mns-transport';
import type { CommandSpec } from '../command.js';
import { CliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { oneLine, toCliError } from '../errors/to-cli-error.js';
import { booleanFlag, listFlag, stringFlag } from '../options/parse-command-args.js';
import { formatTable } from '../output/format-table.js';
import { connectionConfig, createClient } from './connect.js';

/** What VOD needs of a callback queue (docs/vod-events.md §1.2): keep messages an hour, accept 64 KiB bodies. */
const VOD_MIN_RETENTION_SECONDS = 3600;
const VOD_MAX_MESSAGE_SIZE = 65_536;

/** How one queue of the plan turned out. */
interface QueueOutcome {
  readonly queueRegion: string;
  readonly queueName: string;
  readonly role: 'events' | 'dead-letter';
  readonly endpoint: string;
  /** `created`, `exists` (attributes fit), or `unfit` / `failed` with a reason. */
  readonly status: 'created' | 'exists' | 'unfit' | 'failed';
  readonly detail: string;
}

/** What one storage region's SetMessageCallback should be. */
interface CallbackPlan {
  readonly storageRegion: string;
  readonly queueRegion: string;
  readonly queueName: string;
  readonly params: SetMessageCallbackParams | undefined;
  readonly command: string | undefined;
  readonly note: string | undefined;
}

/** Why an existing queue does not fit what VOD needs, or `[]`. */
function unfitFor(a: { messageRetentionPeriodSeconds: number; maximumMessageSize: number }): string[] {
  const problems: string[] = [];
  if (a.messageRetentionPeriodSeconds < VOD_MIN_RETENTION_SECONDS) {
    problems.push(`retention ${a.messageRetentionPeriodSeconds} s < ${VOD_MIN_RETENTION_SECONDS} s`);
  }
  if (a.maximumMessageSize !== VOD_MAX_MESSAGE_SIZE) {
    problems.push(`maximum message size ${a.maximumMessageSize} ≠ ${VOD_MAX_MESSAGE_SIZE}`);
  }
  return problems;
}

/** Creates one queue if missing; an existing one is kept and checked against what VOD needs. Never throws. */
async function ensureQueue(
  client: MnsClient,
  endpoint: string,
  queueRegion: string,
  queueName: string,
  role: QueueOutcome['role'],
): Promise<QueueOutcome> {
  const base = { queueRegion, queueName, role, endpoint };
  let created = false;
  try {
    try {
      await client.getQueueAttributes({ queueName });
    } catch (error) {
      if (!isMnsError(error) || error.code !== 'QueueNotExist') throw error;
      try {
        await client.createQueue({ queueName, attributes: { maximumMessageSize: VOD_MAX_MESSAGE_SIZE } });
        created = true;
      } catch (createError) {
        // Someone else created it in between: check it like any existing queue.
        if (!isMnsError(createError) || createError.code !== 'QueueAlreadyExist') throw createError;
      }
    }
    const a = await client.getQueueAttributes({ queueName });
    const problems = unfitFor(a);
    const detail = `retention ${a.messageRetentionPeriodSeconds} s, max size ${a.maximumMessageSize}`;
    if (problems.length > 0)
      return { ...base, status: 'unfit', detail: `${problems.join('; ')} (VOD needs more)` };
    return { ...base, status: created ? 'created' : 'exists', detail };
  } catch (error) {
    return { ...base, status: 'failed', detail: toCliError(error, endpoint).message };
  }
}

function callbackFor(
  storageRegion: string,
  queue: RegionalQueue,
  accountId: string | undefined,
  eventTypes: readonly string[],
): CallbackPlan {
  const base = { storageRegion, queueRegion: queue.queueRegion, queueName: queue.queueName };
  if (accountId === undefined) {
    return {
      ...base,
      params: undefined,
      command: undefined,
      note: 'pass --account-id (VOD writes to the public endpoint https://<account>.mns.<region>.aliyuncs.com/)',
    };
  }
  const mnsEndpoint = `${buildMnsEndpoint({ accountId, region: queue.queueRegion })}/`;
  const params = buildSetMessageCallbackParams({
    callbackType: 'MNS',
    storageRegion,
    mnsEndpoint,
    mnsQueueName: queue.queueName,
    eventTypes,
  });
  const args = Object.entries(params)
    .map(([k, v]) => `--${k} '${String(v)}'`)
    .join(' ');
  return {
    ...base,
    params,
    command: `aliyun vod SetMessageCallback --region ${storageRegion} ${args}`,
    note: undefined,
  };
}

/** `vodmns setup`. */
export const setupCommand: CommandSpec = {
  name: 'setup',
  summary:
    'create the recommended queue (and dead-letter queue) per storage region; print SetMessageCallback',
  usage: 'setup --storage-region R[,R…] [--queue-prefix P] [--dead-letter] [--account-id ID] [--json]',
  description: [
    "Plans the queues with @vodmns/core's routing rule (planRegionalQueues: mainland storage → one cn-shanghai",
    'queue, other storage → a queue in its own region), named <prefix>-<queue region>, and creates each one in its',
    'region (idempotent: an existing queue is kept and checked: retention ≥ 3600 s, maximum message size 65536).',
    '--dead-letter also creates <queue>-dlq next to each queue. Then prints, per storage region, the VOD',
    'SetMessageCallback parameters and the aliyun CLI command (core buildSetMessageCallbackParams).',
    'On Alibaba Cloud endpoints each queue goes to its own region (the account and network of --endpoint); a',
    'custom endpoint (mns-local) hosts every region, the queue name carrying the region.',
    'Exit 0 when every queue exists and fits; 1 when one could not be created or does not fit VOD.',
  ].join('\n'),
  positionals: { min: 0, max: 0 },
  options: {
    'storage-region': {
      type: 'string',
      multiple: true,
      description: 'VOD storage regions (comma-separated or repeated), e.g. cn-beijing,eu-central-1',
      valueName: 'LIST',
    },
    'queue-prefix': { type: 'string', description: 'queue name prefix (default vod-events)', valueName: 'P' },
    'dead-letter': { type: 'boolean', description: 'also create <queue>-dlq in each queue region' },
    'account-id': {
      type: 'string',
      description:
        'account id for the SetMessageCallback endpoint (default: from --endpoint when Alibaba Cloud)',
      valueName: 'ID',
    },
    'event-types': {
      type: 'string',
      multiple: true,
      description: 'EventTypeList: names, AIComplete or ALL (default ALL)',
      valueName: 'LIST',
    },
    json: { type: 'boolean', description: 'print JSON' },
  },
  connection: true,
  examples: [
    'vodmns setup --storage-region cn-beijing,cn-shenzhen,ap-southeast-1,eu-central-1 --dead-letter',
    'MNS_ENDPOINT=http://127.0.0.1:9988 vodmns setup --storage-region cn-beijing,eu-central-1 --account-id 1234567890123456 --json',
  ],
  async run({ io, values }) {
    const storageRegions = listFlag(values, 'storage-region');
    if (storageRegions.length === 0) {
      throw new CliError(
        ExitCode.usage,
        'setup needs --storage-region',
        'e.g. --storage-region cn-beijing,eu-central-1',
      );
    }
    const prefix = stringFlag(values, 'queue-prefix');
    const deadLetter = booleanFlag(values, 'dead-letter');
    const eventTypes = listFlag(values, 'event-types');
    const plan = planRegionalQueues({
      storageRegions,
      ...(prefix === undefined ? {} : { queueName: prefix }),
      deadLetter,
    });
    if (!plan.ok) {
      throw new CliError(
        ExitCode.usage,
        oneLine(plan.error.message).replace(/^storageRegion/, '--storage-region'),
      );
    }
    const config = connectionConfig(io, values);
    const parsed = parseMnsEndpoint(config.endpoint);
    const aliyun = parsed.ok && parsed.value.isAliyun ? parsed.value : undefined;
    const accountId = stringFlag(values, 'account-id') ?? aliyun?.accountId;
    const endpointOf = (region: string): string =>
      aliyun === undefined
        ? config.endpoint
        : buildMnsEndpoint({
            accountId: aliyun.accountId,
            region,
            network: aliyun.network,
            protocol: aliyun.protocol,
          });

    const clients = new Map<string, MnsClient>();
    const clientOf = (endpoint: string): MnsClient => {
      let c = clients.get(endpoint);
      if (c === undefined) {
        c = createClient(config, endpoint, { retry: { maxAttempts: 2 }, timeoutMs: 10_000 });
        clients.set(endpoint, c);
      }
      return c;
    };
    const outcomes: QueueOutcome[] = [];
    const callbacks: CallbackPlan[] = [];
    try {
      for (const queue of plan.value) {
        const endpoint = endpointOf(queue.queueRegion);
        const client = clientOf(endpoint);
        outcomes.push(await ensureQueue(client, endpoint, queue.queueRegion, queue.queueName, 'events'));
        if (queue.deadLetterQueueName !== undefined) {
          outcomes.push(
            await ensureQueue(client, endpoint, queue.queueRegion, queue.deadLetterQueueName, 'dead-letter'),
          );
        }
        for (const storageRegion of queue.storageRegions) {
          callbacks.push(
            callbackFor(storageRegion, queue, accountId, eventTypes.length === 0 ? ['ALL'] : eventTypes),
          );
        }
      }
    } finally {
      await Promise.all([...clients.values()].map((c) => c.close()));
    }
    const bad = outcomes.filter((o) => o.status === 'unfit' || o.status === 'failed');
    if (booleanFlag(values, 'json')) {
      io.stdout.write(`${JSON.stringify({ ok: bad.length === 0, queues: outcomes, callbacks })}\n`);
    } else {
      io.stdout.write(
        formatTable(
          ['queue region', 'queue', 'role', 'status', 'detail'],
          outcomes.map((o) => [o.queueRegion, o.queueName, o.role, o.status, o.detail]),
        ),
      );
      for (const c of callbacks) {
        io.stdout.write(`\n${c.storageRegion} → ${c.queueName} (${c.queueRegion})\n`);
        if (c.command !== undefined) io.stdout.write(`  ${c.command}\n`);
        if (c.note !== undefined) io.stdout.write(`  ${c.note}\n`);
      }
      if (aliyun === undefined) {
        io.stdout.write(
          `\nnote: ${config.endpoint} is not an Alibaba Cloud endpoint: every queue was created there; VOD itself can only write to public Alibaba Cloud endpoints.\n`,
        );
      }
    }
    return bad.length === 0 ? ExitCode.ok : ExitCode.failed;
  },
};

import {
  buildMnsEndpoint,
  type DeliveryResult,
  deliver,
  parseMnsEndpoint,
  recommendQueueRegion,
  VOD_DELIVERY_POLICY,
  type VodEvent,
  vodEventMediaId,
} from '@vodmns/core';
import { buildUploadScenario, type UploadScenarioOutcome } from '@vodmns/core/testing';
import { randomInt } from 'node:crypto';
import type { MnsClient } from '@vodmns/mns-transport';
import type { CommandSpec } from '../command.js';
import type { ConnectionConfig } from '../config/resolve-config.js';
import { CliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { oneLine, toCliError } from '../errors/to-cli-error.js';
import { booleanFlag, integerFlag, listFlag, stringFlag } from '../options/parse-command-args.js';
import { formatTable } from '../output/format-table.js';
import { padToWidth, truncateToWidth } from '../output/text-width.js';
import { createProgress } from '../output/progress.js';
import { connectionConfig, createClient } from './connect.js';

/** Scenario outcomes of core's `buildUploadScenario` (validated there). */
const OUTCOMES_HELP = 'success, partial-failure, transcode-failure, snapshot-failure or analysis-failure';

/** Largest --seed. */
const MAX_SEED = 2 ** 31 - 1;

/** One planned route: a storage region, the queue region core recommends, and where that queue lives. */
interface Route {
  readonly storageRegion: string;
  readonly queueRegion: string;
  readonly reason: string;
  readonly endpoint: string;
  readonly queueName: string;
}

/** One delivery's report line. */
interface DeliveryReport {
  readonly storageRegion: string;
  readonly queueName: string;
  readonly eventType: string;
  readonly mediaId: string | undefined;
  readonly outcome: DeliveryResult<VodEvent>['outcome'];
  readonly attempts: number;
  readonly lastError: string | undefined;
}

function planRoutes(
  regions: readonly string[],
  config: ConnectionConfig,
  prefix: string,
  fixedQueue: string | undefined,
): Route[] {
  const parsed = parseMnsEndpoint(config.endpoint);
  if (!parsed.ok) throw toCliError(parsed.error);
  const ep = parsed.value;
  return regions.map((storageRegion) => {
    const r = recommendQueueRegion(storageRegion);
    if (!r.ok) {
      throw new CliError(
        ExitCode.usage,
        `--region: ${oneLine(r.error.detail)}`,
        'e.g. --region cn-beijing,ap-southeast-1',
      );
    }
    const queueRegion = r.value.region;
    return {
      storageRegion,
      queueRegion,
      reason: r.value.reason,
      // On Alibaba Cloud a queue lives at its region's endpoint; one custom (local) endpoint hosts every region.
      endpoint: ep.isAliyun
        ? buildMnsEndpoint({ accountId: ep.accountId, region: queueRegion, protocol: ep.protocol })
        : ep.origin,
      queueName: fixedQueue ?? `${prefix}${queueRegion}`,
    };
  });
}

function errorText(error: unknown): string {
  if (error instanceof Error)
    return oneLine(
      (error as { code?: string }).code === undefined
        ? error.message
        : `${(error as { code?: string }).code}: ${(error as { detail?: string }).detail ?? error.message}`,
    );
  return String(error);
}

/** `vodmns simulate` — play the VOD side: emit scenarios, route them, deliver with VOD's policy. */
export const simulateCommand: CommandSpec = {
  name: 'simulate',
  summary:
    "play VOD: emit upload scenarios per storage region and deliver them to the recommended queues with VOD's retry policy",
  usage: 'simulate --region REGION[,REGION…] [--uploads N] [--outcome OUTCOME] [--seed N] [--create-queues]',
  description: [
    'For each storage region, builds realistic event scenarios (upload, analysis, snapshots, transcodes) with',
    "@vodmns/core's scenario builder, routes them to the queue the routing rule recommends (mainland storage →",
    'cn-shanghai, elsewhere → same region), and delivers each event the way VOD does: up to 3 attempts, 1 s',
    'apart, then the event is discarded. Queues are named <queue-prefix><queue-region> (e.g. vod-events-cn-shanghai);',
    "against an Alibaba Cloud endpoint each queue is addressed at its region's endpoint, against a custom endpoint",
    '(e.g. vodmns local) one server hosts every region. Exit code 1 if any event was discarded.',
    '',
    'Every flag and every target queue is checked before anything is sent (a missing queue is exit 1 at once,',
    'unless --allow-missing-queue). Each run uses a random seed (printed; --seed repeats the ids) and the current',
    'time, so a second run is new events, not duplicates a running consumer would drop. Results are printed as',
    'they happen.',
  ].join('\n'),
  positionals: { min: 0, max: 0 },
  options: {
    region: {
      type: 'string',
      multiple: true,
      description: 'VOD storage region(s), comma-separated or repeated (required)',
      valueName: 'REGION',
    },
    uploads: { type: 'string', description: 'uploads per region, 1–100 (default 1)', valueName: 'N' },
    outcome: {
      type: 'string',
      description: `scenario outcome: ${OUTCOMES_HELP} (default success)`,
      valueName: 'OUTCOME',
    },
    seed: {
      type: 'string',
      description: 'seed for the ids, 0–2147483647 (default: random, printed; give it to repeat a run)',
      valueName: 'N',
    },
    'queue-prefix': {
      type: 'string',
      description: 'queue name prefix (default vod-events-)',
      valueName: 'PREFIX',
    },
    queue: {
      type: 'string',
      description: 'deliver everything to this queue instead (e.g. to test a misconfiguration)',
      valueName: 'NAME',
    },
    'create-queues': { type: 'boolean', description: 'create the recommended queues first (idempotent)' },
    'allow-missing-queue': {
      type: 'boolean',
      description: "deliver even when a target queue does not exist (to watch VOD's 3 attempts and discard)",
    },
    interval: {
      type: 'string',
      description: "pause between VOD's attempts, 0–60000 ms (default 1000, VOD's documented interval)",
      valueName: 'MS',
    },
    json: { type: 'boolean', description: 'print one JSON object per delivery (NDJSON)' },
  },
  connection: true,
  examples: [
    'vodmns simulate --region cn-beijing,ap-southeast-1 --create-queues',
    'vodmns simulate --region eu-central-1 --uploads 5 --outcome partial-failure --seed 42 --json',
    'vodmns simulate --region cn-shenzhen --queue wrong-queue-name --allow-missing-queue   # 3 attempts, then discard',
  ],
  async run({ io, values }) {
    // Every flag is checked, and every target queue, before anything is printed or sent.
    const regions = listFlag(values, 'region');
    if (regions.length === 0) {
      throw new CliError(
        ExitCode.usage,
        'simulate needs --region',
        'e.g. --region cn-beijing,ap-southeast-1',
      );
    }
    const uploads = integerFlag(values, 'uploads', 1, 100) ?? 1;
    const seedGiven = integerFlag(values, 'seed', 0, MAX_SEED);
    const seed = seedGiven ?? randomInt(0, MAX_SEED);
    const outcome = (stringFlag(values, 'outcome') ?? 'success') as UploadScenarioOutcome;
    const json = booleanFlag(values, 'json');
    const allowMissing = booleanFlag(values, 'allow-missing-queue');
    const policy = {
      ...VOD_DELIVERY_POLICY,
      intervalMs: integerFlag(values, 'interval', 0, 60_000) ?? VOD_DELIVERY_POLICY.intervalMs,
    };
    const config = connectionConfig(io, values);
    const routes = planRoutes(
      regions,
      config,
      stringFlag(values, 'queue-prefix') ?? 'vod-events-',
      stringFlag(values, 'queue'),
    );
    // Event times start now (a second run is new events, not yesterday's duplicates); --seed repeats ids.
    const start = new Date();
    const planned: { route: Route; event: VodEvent }[] = [];
    routes.forEach((route, i) => {
      for (let u = 0; u < uploads; u++) {
        let scenario: readonly VodEvent[];
        try {
          scenario = buildUploadScenario({
            seed: (seed + i * 1000 + u) % (MAX_SEED + 1),
            storageRegion: route.storageRegion,
            outcome,
            start,
          });
        } catch (error) {
          throw new CliError(
            ExitCode.usage,
            `--outcome: ${oneLine((error as { detail?: string }).detail ?? errorText(error))}`,
            `use one of ${OUTCOMES_HELP}`,
          );
        }
        for (const event of scenario) planned.push({ route, event });
      }
    });
    const clients = new Map<string, MnsClient>();
    // One MNS request per VOD attempt: the client's own retries are off so "3 attempts" means 3 requests.
    const clientFor = (endpoint: string): MnsClient => {
      let c = clients.get(endpoint);
      if (c === undefined) {
        c = createClient(config, endpoint, { retry: { maxAttempts: 1 } });
        clients.set(endpoint, c);
      }
      return c;
    };
    const stopped = (): boolean => io.signal?.aborted === true;
    const progress = createProgress(io.stderr);
    const reports: DeliveryReport[] = [];
    let delivered = 0;
    let discarded = 0;
    try {
      // Probe first: an unreachable endpoint (exit 4) or rejected credentials (exit 3) is not "VOD discarded it".
      const first = routes[0] as Route;
      progress.update(`connecting to ${first.endpoint}`);
      await clientFor(first.endpoint).listQueues({ pageSize: 1 });
      const targets = [...new Map(routes.map((x) => [`${x.endpoint} ${x.queueName}`, x])).values()];
      if (booleanFlag(values, 'create-queues')) {
        for (const r of targets) {
          progress.update(`creating ${r.queueName}`);
          await clientFor(r.endpoint)
            .createQueue({ queueName: r.queueName, attributes: { messageRetentionPeriodSeconds: 86_400 } })
            .catch((error: unknown) => {
              // Exists with other attributes: fine for a simulation.
              if ((error as { code?: string }).code !== 'QueueAlreadyExist') throw error;
            });
        }
      }
      if (!allowMissing) {
        for (const r of targets) {
          progress.update(`checking ${r.queueName}`);
          try {
            await clientFor(r.endpoint).getQueueAttributes({ queueName: r.queueName });
          } catch (error) {
            if ((error as { code?: string }).code !== 'QueueNotExist') throw error;
            throw new CliError(
              ExitCode.failed,
              `queue ${r.queueName} does not exist at ${r.endpoint}: VOD's writes would all be discarded`,
              `add --create-queues, or create it: vodmns queue create ${r.queueName}  (--allow-missing-queue to watch VOD discard them)`,
            );
          }
        }
      }
      io.stderr.write(
        `seed ${seed}${seedGiven === undefined ? ' (random; repeat this run with --seed ' + seed + ')' : ''}, ` +
          `${planned.length} events timed from ${start.toISOString()}\n`,
      );
      const columns = io.stdout.columns;
      const widths = [
        Math.max(14, ...routes.map((r) => r.storageRegion.length)),
        Math.max(5, ...routes.map((r) => r.queueName.length)),
        Math.max(5, ...planned.map((p) => p.event.EventType.length)),
        32,
        9,
        8,
      ];
      const streamLine = (cells: readonly string[]): string => {
        const line = cells
          .map((c, i) => (i < widths.length ? padToWidth(c, widths[i] ?? 0, i === 5) : c))
          .join('  ')
          .trimEnd();
        return `${columns === undefined ? line : truncateToWidth(line, columns)}\n`;
      };
      if (!json) {
        io.stdout.write(
          formatTable(
            ['storage region', 'queue region', 'queue', 'why'],
            routes.map((r) => [r.storageRegion, r.queueRegion, r.queueName, r.reason]),
            columns,
          ),
        );
        io.stdout.write('\n');
        io.stdout.write(
          streamLine(['storage region', 'queue', 'event', 'media id', 'outcome', 'attempts', 'last error']),
        );
      }
      const showProgress = (): void =>
        progress.update(
          `sent ${delivered + discarded}/${planned.length}: ${delivered} delivered, ${discarded} discarded`,
        );
      showProgress();
      // Regions deliver concurrently (VOD's regions are independent); events within a region in order. Each
      // result is printed as it happens.
      await Promise.all(
        routes.map(async (route) => {
          for (const { event } of planned.filter((p) => p.route === route)) {
            if (stopped()) return;
            const client = clientFor(route.endpoint);
            const result = await deliver(
              event,
              (e, _attempt, ctx) =>
                client.sendMessage({
                  queueName: route.queueName,
                  messageBody: JSON.stringify(e),
                  ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
                }),
              { policy, ...(io.signal === undefined ? {} : { signal: io.signal }) },
            );
            // Cut short by the stop: not a VOD discard, so not reported as one.
            if (stopped() && result.outcome !== 'delivered') return;
            const last = result.attempts.at(-1);
            const report: DeliveryReport = {
              storageRegion: route.storageRegion,
              queueName: route.queueName,
              eventType: event.EventType,
              mediaId: vodEventMediaId(event),
              outcome: result.outcome,
              attempts: result.attempts.length,
              lastError: last?.error === undefined ? undefined : errorText(last.error),
            };
            reports.push(report);
            if (report.outcome === 'delivered') delivered += 1;
            else discarded += 1;
            showProgress();
            io.stdout.write(
              json
                ? `${JSON.stringify(report)}\n`
                : streamLine([
                    report.storageRegion,
                    report.queueName,
                    report.eventType,
                    report.mediaId ?? '-',
                    report.outcome,
                    String(report.attempts),
                    report.lastError ?? '',
                  ]),
            );
          }
        }),
      );
    } catch (error) {
      throw toCliError(error, config.endpoint);
    } finally {
      progress.done();
      await Promise.all([...clients.values()].map((c) => c.close()));
    }
    if (!json) {
      io.stdout.write(
        `\n${reports.length} of ${planned.length} events sent: ${delivered} delivered, ${discarded} discarded (VOD gives up after ${VOD_DELIVERY_POLICY.maxAttempts} attempts)\n`,
      );
    }
    if (stopped()) return ExitCode.interrupted;
    return discarded > 0 ? ExitCode.failed : ExitCode.ok;
  },
};

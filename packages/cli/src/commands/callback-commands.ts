import {
  buildSetMessageCallbackParams,
  parseMnsEndpoint,
  type CallbackConfig,
  type CallbackFinding,
  checkCallbackConfig,
  isMnsError,
  MNS_LIMITS,
  type SetMessageCallbackInput,
  type SetMessageCallbackParams,
  maskSecret,
} from '@vodmns/core';
import type { CliIo } from '../cli-io.js';
import type { CommandGroup, CommandSpec, OptionSpec, OptionValues } from '../command.js';
import { requireConnection, resolveConfig } from '../config/resolve-config.js';
import { CliError } from '../errors/cli-error.js';
import { ExitCode, type ExitCodeValue } from '../errors/exit-codes.js';
import { oneLine, toCliError } from '../errors/to-cli-error.js';
import { connectionFlags } from '../options/connection-options.js';
import { booleanFlag, listFlag, stringFlag } from '../options/parse-command-args.js';
import { formatTable } from '../output/format-table.js';
import { createClient } from './connect.js';

const CALLBACK_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  'storage-region': {
    type: 'string',
    description:
      'VOD storage region the configuration is for, e.g. cn-beijing (checks the queue-region rule)',
    valueName: 'REGION',
  },
  'callback-type': { type: 'string', description: 'MNS (default, recommended) or HTTP', valueName: 'TYPE' },
  'mns-endpoint': {
    type: 'string',
    description: "the queue's public endpoint (default: the connection endpoint, --endpoint / MNS_ENDPOINT)",
    valueName: 'URL',
  },
  queue: { type: 'string', description: 'MnsQueueName', valueName: 'NAME' },
  'event-types': {
    type: 'string',
    multiple: true,
    description: 'EventTypeList: names, AIComplete or ALL (default ALL)',
    valueName: 'LIST',
  },
  'app-id': { type: 'string', description: 'AppId (default app-1000000)', valueName: 'ID' },
  'callback-url': { type: 'string', description: 'CallbackURL (HTTP only)', valueName: 'URL' },
  'auth-switch': { type: 'string', description: 'AuthSwitch on|off (HTTP only)', valueName: 'ON|OFF' },
  'auth-key': { type: 'string', description: 'AuthKey (HTTP only; never printed)', valueName: 'KEY' },
  json: { type: 'boolean', description: 'print JSON' },
};

/** The callback configuration described by the flags (the connection endpoint fills a missing --mns-endpoint). */
function configFromFlags(io: CliIo, values: OptionValues): CallbackConfig {
  const type = (stringFlag(values, 'callback-type') ?? 'MNS').toUpperCase();
  const eventTypes = listFlag(values, 'event-types');
  let mnsEndpoint = stringFlag(values, 'mns-endpoint');
  if (mnsEndpoint === undefined && type === 'MNS') {
    const endpoint = resolveConfig(connectionFlags(values), io.env, io.homeDir).endpoint;
    // The console's "Get Endpoint" button gives the origin with a trailing slash.
    if (endpoint !== undefined) mnsEndpoint = `${endpoint.replace(/\/+$/, '')}/`;
  }
  const pick = (name: string): string | undefined => stringFlag(values, name);
  return {
    callbackType: type,
    storageRegion: pick('storage-region'),
    mnsEndpoint,
    mnsQueueName: pick('queue'),
    callbackUrl: pick('callback-url'),
    authSwitch: pick('auth-switch'),
    authKey: pick('auth-key'),
    eventTypes: eventTypes.length === 0 ? ['ALL'] : eventTypes,
    appId: pick('app-id'),
  };
}

/** Result of one live probe. */
interface Probe {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
  /** Exit code this failure maps to. */
  readonly exitCode: ExitCodeValue;
}

/**
 * Live probes against the configured connection: the endpoint answers, the credentials sign correctly, the queue
 * exists, and its attributes follow VOD's advice. Skipped (empty, with a note) without a complete connection.
 */
async function probe(
  io: CliIo,
  values: OptionValues,
  queueName: string | undefined,
  mnsEndpoint: string | undefined,
): Promise<{ probes: Probe[]; note?: string }> {
  let connection: ReturnType<typeof requireConnection>;
  try {
    connection = requireConnection(resolveConfig(connectionFlags(values), io.env, io.homeDir));
  } catch (error) {
    return { probes: [], note: `live probes skipped: ${(error as Error).message}` };
  }
  // Probe the endpoint the configuration names (--mns-endpoint) — that is where VOD writes — with the
  // connection's credentials; the connection endpoint only when none was given.
  const target = (mnsEndpoint ?? connection.endpoint).replace(/\/+$/, '');
  const client = createClient(connection, target, {
    retry: { maxAttempts: 1 },
    timeoutMs: 5000,
  });
  const probes: Probe[] = [];
  try {
    try {
      await client.listQueues({ pageSize: 1 });
      probes.push({
        check: 'endpoint reachable',
        ok: true,
        detail: target,
        exitCode: ExitCode.ok,
      });
      probes.push({
        check: 'credentials accepted',
        ok: true,
        detail: 'a signed ListQueue succeeded',
        exitCode: ExitCode.ok,
      });
    } catch (error) {
      const e = toCliError(error, target);
      const check = e.exitCode === ExitCode.unreachable ? 'endpoint reachable' : 'credentials accepted';
      probes.push({ check, ok: false, detail: e.message, exitCode: e.exitCode });
      return { probes };
    }
    if (queueName === undefined) return { probes };
    try {
      const a = await client.getQueueAttributes({ queueName });
      probes.push({ check: 'queue exists', ok: true, detail: queueName, exitCode: ExitCode.ok });
      // VOD's advice for callback queues (docs/vod-events.md §1.2).
      probes.push({
        check: 'retention ≥ 3600 s',
        ok: a.messageRetentionPeriodSeconds >= 3600,
        detail: `MessageRetentionPeriod ${a.messageRetentionPeriodSeconds} s`,
        exitCode: ExitCode.failed,
      });
      probes.push({
        check: `max message size ${MNS_LIMITS.maximumMessageSizeBytes.max}`,
        ok: a.maximumMessageSize === MNS_LIMITS.maximumMessageSizeBytes.max,
        detail: `MaximumMessageSize ${a.maximumMessageSize} bytes (a smaller limit can make VOD's write fail)`,
        exitCode: ExitCode.failed,
      });
    } catch (error) {
      const code = isMnsError(error) ? error.code : undefined;
      probes.push({
        check: 'queue exists',
        ok: false,
        detail:
          code === 'QueueNotExist'
            ? `no queue named ${queueName}: VOD's writes would fail`
            : toCliError(error).message,
        exitCode: code === 'QueueNotExist' ? ExitCode.failed : toCliError(error).exitCode,
      });
    }
    return { probes };
  } finally {
    await client.close();
  }
}

/** Whether an endpoint is an Alibaba Cloud MNS endpoint (core's parser decides). */
function isAliyunEndpoint(endpoint: string): boolean {
  const parsed = parseMnsEndpoint(endpoint.replace(/\/+$/, ''));
  return parsed.ok && parsed.value.isAliyun;
}

function findingRows(findings: readonly CallbackFinding[]): (string | undefined)[][] {
  return findings.map((f) => [f.severity, f.field, f.message, f.hint]);
}

/** `vodmns callback check`. */
export const callbackCheckCommand: CommandSpec = {
  name: 'callback check',
  summary:
    'validate a VOD callback configuration (static rules + live probes of endpoint, credentials, queue)',
  usage:
    'callback check --storage-region REGION --queue NAME [--mns-endpoint URL] [--event-types LIST] [--json]',
  description: [
    "Runs @vodmns/core's checkCallbackConfig (public endpoint, queue region vs. the routing rule, queue name,",
    'event type names, HTTP URL and AuthKey rules), then — when a connection is configured — probes it live: the',
    `endpoint answers, the credentials sign correctly, the queue exists, retention ≥ 3600 s and max size ${MNS_LIMITS.maximumMessageSizeBytes.max}.`,
    'The probes go to the endpoint VOD would write to (--mns-endpoint), signed with the connection credentials;',
    'the connection endpoint only when no --mns-endpoint is given; --probe-endpoint overrides both.',
    'Exit 0 when there is no error; 1 for configuration errors or a missing queue; 3 when the credentials are',
    'rejected; 4 when the endpoint is unreachable.',
  ].join('\n'),
  positionals: { min: 0, max: 0 },
  options: {
    ...CALLBACK_OPTIONS,
    'no-probe': { type: 'boolean', description: 'skip the live probes' },
    'probe-endpoint': {
      type: 'string',
      description: 'probe this endpoint instead of --mns-endpoint (e.g. a vodmns local rehearsal)',
      valueName: 'URL',
    },
  },
  connection: true,
  examples: [
    'vodmns callback check --storage-region cn-beijing --mns-endpoint https://1234567890123456.mns.cn-shanghai.aliyuncs.com/ --queue vod-events',
    'MNS_ENDPOINT=http://127.0.0.1:9988 vodmns callback check --storage-region ap-southeast-1 --queue vod-events-ap-southeast-1 --json',
  ],
  async run({ io, values }) {
    const config = configFromFlags(io, values);
    const findings = checkCallbackConfig(config);
    const live = booleanFlag(values, 'no-probe')
      ? { probes: [] as Probe[], note: 'live probes skipped (--no-probe)' }
      : await probe(
          io,
          values,
          config.mnsQueueName,
          stringFlag(values, 'probe-endpoint') ?? stringFlag(values, 'mns-endpoint'),
        );
    const errors = findings.filter((f) => f.severity === 'error').length;
    const failed = live.probes.filter((p) => !p.ok);
    const ok = errors === 0 && failed.length === 0;
    if (booleanFlag(values, 'json')) {
      io.stdout.write(
        `${JSON.stringify({ ok, findings, probes: live.probes.map(({ exitCode: _, ...p }) => p), note: live.note ?? null })}\n`,
      );
    } else {
      if (findings.length === 0) io.stdout.write('configuration: no findings\n');
      else
        io.stdout.write(
          formatTable(['severity', 'field', 'finding', 'hint'], findingRows(findings), io.stdout.columns),
        );
      if (live.probes.length > 0) {
        io.stdout.write('\n');
        io.stdout.write(
          formatTable(
            ['probe', 'result', 'detail'],
            live.probes.map((p) => [p.check, p.ok ? 'ok' : 'FAILED', p.detail]),
            io.stdout.columns,
          ),
        );
      }
      if (live.note !== undefined) io.stdout.write(`\n${live.note}\n`);
      io.stdout.write(
        `\n${ok ? 'OK' : 'NOT OK'}: ${errors} configuration error(s), ${failed.length} failed probe(s)\n`,
      );
    }
    if (errors > 0) return ExitCode.failed;
    const worst =
      failed.find((p) => p.exitCode === ExitCode.config) ??
      failed.find((p) => p.exitCode === ExitCode.unreachable) ??
      failed[0];
    return worst === undefined ? ExitCode.ok : worst.exitCode;
  },
};

function renderParams(params: SetMessageCallbackParams): [string, string][] {
  return Object.entries(params).map(([k, v]) => [k, k === 'AuthKey' ? maskSecret(String(v)) : String(v)]);
}

/** `vodmns callback print`. */
export const callbackPrintCommand: CommandSpec = {
  name: 'callback print',
  summary: 'print the SetMessageCallback parameters for a configuration (and the aliyun CLI line)',
  usage:
    'callback print --queue NAME [--storage-region REGION] [--mns-endpoint URL] [--event-types LIST] [--json]',
  description: [
    "Builds the exact VOD SetMessageCallback parameters with @vodmns/core's buildSetMessageCallbackParams.",
    'Configuration errors (e.g. an -internal endpoint) stop it with exit 1; warnings are printed to stderr.',
    'The AuthKey is masked in the table and in --json; the aliyun line uses "$VOD_CALLBACK_AUTH_KEY" in its place',
    '(a placeholder, never a masked value). The MNS endpoint defaults to the connection endpoint; a local server',
    'is refused (VOD cannot write to it): give --mns-endpoint.',
  ].join('\n'),
  positionals: { min: 0, max: 0 },
  options: CALLBACK_OPTIONS,
  connection: true,
  examples: [
    'vodmns callback print --mns-endpoint https://1234567890123456.mns.cn-shanghai.aliyuncs.com/ --queue vod-events --storage-region cn-beijing',
    'vodmns callback print --mns-endpoint https://1234567890123456.mns.cn-shanghai.aliyuncs.com/ --queue vod-events --event-types FileUploadComplete,TranscodeComplete,AIComplete --json',
  ],
  async run({ io, values }) {
    const config = configFromFlags(io, values);
    if (
      stringFlag(values, 'mns-endpoint') === undefined &&
      config.callbackType === 'MNS' &&
      config.mnsEndpoint !== undefined &&
      !isAliyunEndpoint(config.mnsEndpoint)
    ) {
      throw new CliError(
        ExitCode.failed,
        `the connection endpoint ${config.mnsEndpoint.replace(/\/+$/, '')} is not an Alibaba Cloud MNS endpoint: VOD cannot write to it`,
        'give the public endpoint of the queue VOD should write to: --mns-endpoint https://<account-id>.mns.<region>.aliyuncs.com/',
      );
    }
    let params: SetMessageCallbackParams;
    try {
      params = buildSetMessageCallbackParams(config as SetMessageCallbackInput);
    } catch (error) {
      const findings = (error as { findings?: readonly CallbackFinding[] }).findings;
      const first = findings?.find((f) => f.severity === 'error');
      const count = findings?.filter((f) => f.severity === 'error').length ?? 1;
      throw new CliError(
        ExitCode.failed,
        first === undefined
          ? oneLine((error as Error).message)
          : `${count} configuration error(s); first: ${first.field}: ${first.message}`,
        first?.hint ?? 'run vodmns callback check with the same flags to see every finding',
      );
    }
    for (const f of checkCallbackConfig(config).filter((x) => x.severity === 'warning')) {
      io.stderr.write(`warning: ${f.field}: ${f.message}\n`);
    }
    const rows = renderParams(params);
    if (booleanFlag(values, 'json')) {
      io.stdout.write(`${JSON.stringify(Object.fromEntries(rows))}\n`);
    } else {
      io.stdout.write(formatTable(['SetMessageCallback parameter', 'value'], rows, io.stdout.columns));
      // A command meant to be pasted never carries a masked key (it would set "****…" as the AuthKey).
      const args = rows
        .map(([k, v]) => (k === 'AuthKey' ? `--AuthKey "$VOD_CALLBACK_AUTH_KEY"` : `--${k} '${v}'`))
        .join(' ');
      io.stdout.write(`\naliyun vod SetMessageCallback ${args}\n`);
      if (rows.some(([k]) => k === 'AuthKey')) {
        io.stdout.write(
          '\nThe AuthKey is not printed: set VOD_CALLBACK_AUTH_KEY to it (or replace "$VOD_CALLBACK_AUTH_KEY") before running the line.\n',
        );
      }
    }
    return ExitCode.ok;
  },
};

/** `vodmns callback …`. */
export const callbackGroup: CommandGroup = {
  name: 'callback',
  summary: 'VOD callback configuration: validate it, print the SetMessageCallback parameters',
  commands: [callbackCheckCommand, callbackPrintCommand],
};

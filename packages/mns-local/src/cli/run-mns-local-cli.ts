import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isMnsError, maskSecret, redactSecrets } from '@vodmns/core';
import { isLoopbackHost } from '../console/is-loopback-host.js';
import type { AccessLogEntry, MnsLocalOptions } from '../options/mns-local-options.js';
import { type MnsLocalQueueSpec, parseMnsLocalConfig, parseQueueSpec } from '../options/queue-spec.js';
import { type MnsLocalServer, startMnsLocal } from '../server/start-mns-local.js';

/** Where the CLI writes and how it is stopped; lets `vodmns local` and tests embed it. */
export interface MnsLocalCliIo {
  /** Startup banner and (with `--access-log`) JSON access-log lines. */
  readonly stdout: { write(text: string): unknown };
  /** Errors and usage hints. */
  readonly stderr: { write(text: string): unknown };
  /** Environment (for `MNS_LOCAL_ACCESS_KEY_SECRET`). @defaultValue {} */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Stops the server when aborted. @defaultValue SIGINT / SIGTERM of this process */
  readonly signal?: AbortSignal | undefined;
  /** Called once the server listens. */
  readonly onListening?: ((server: MnsLocalServer) => void) | undefined;
  /** Name shown in usage and errors. @defaultValue 'mns-local' */
  readonly programName?: string | undefined;
}

/** Port the CLI listens on unless `--port` is given. */
export const DEFAULT_CLI_PORT = 9988;

function usage(program: string): string {
  return `Usage: ${program} [options]

Runs an MNS-compatible queue server (Alibaba Cloud MNS HTTP/XML protocol) for local development and tests.

Options:
  --host <host>                 interface to listen on (default 127.0.0.1)
  --port <port>                 TCP port, 0 = any free port (default ${DEFAULT_CLI_PORT})
  --account-id <id>             account id reported to clients (default 1234567890123456)
  --region <region>             region id (default cn-hangzhou)
  --access-key-id <id>          accepted AccessKeyId (default LTAI-mns-local, a public test key)
  --access-key-secret <secret>  its secret (or env MNS_LOCAL_ACCESS_KEY_SECRET; default: the public test secret)
  --queue <name[:attrs]>        create a queue at start, repeatable; attrs as in CreateQueue, e.g.
                                --queue vod-events:VisibilityTimeout=60,MaximumMessageSize=65536
  --config <file.json>          queues from a JSON file: { "queues": ["vod-events:VisibilityTimeout=60",
                                { "name": "vod-events-dlq", "attributes": { "MessageRetentionPeriod": 604800 } }] }
  --data-dir <dir>              keep queues and messages in SQLite under <dir> (default: in memory)
  --fsync                       with --data-dir: fsync every commit (survive power loss, slower);
                                default survives process crashes (SIGKILL) without fsync
  --no-auth                     accept unsigned requests
  --access-log                  write one JSON line per request to stdout (no headers, no secrets)
  --no-console                  do not serve the web console at /__mns-local/console
  --console                     serve the console even when --host is not loopback (unsigned, like
                                /__mns-local/stats: anyone who reaches the port can use it)

Live-service limits (off unless given; see the README's "Differences from the live service"):
  --max-long-polls-per-queue <n>  long polls held at once per queue; beyond it a receive gets
                                MessageNotExist at once
  --tps-limit <n>               requests per second per queue; over it: held, then 429 TooManyRequests
  --account-tps-limit <n>       requests per second over the whole server
  --throttle-hold-ms <ms>       how long a throttled request is held (default 500)
  --stale-handle-after-visibility-change <accept|reject>
                                an old receipt handle after ChangeMessageVisibility (default accept)
  --response-content-type <text/xml|application/xml>
                                Content-Type of responses (default text/xml)
  -h, --help                    show this help

The endpoint and credentials are printed once at startup so you can paste them into an SDK.
Stop with Ctrl-C (SIGINT) or SIGTERM: in-flight requests finish, the database is closed.
`;
}

/**
 * The `mns-local` command as a function: parses `argv` (without node and script), starts the server, prints
 * the endpoint and credentials, and resolves with the exit code once stopped (0), on bad usage (2) or when the
 * server cannot start (1).
 */
export async function runMnsLocalCli(argv: readonly string[], io: MnsLocalCliIo): Promise<number> {
  const program = io.programName ?? 'mns-local';
  // Every line this command prints goes through here: a configured secret (flag or env) never appears in
  // full, not even echoed back inside a usage error (e.g. a secret given where a positional was not expected).
  const knownSecrets = [io.env?.MNS_LOCAL_ACCESS_KEY_SECRET, ...secretFlagValues(argv)];
  const stdout = (text: string): void => {
    io.stdout.write(redactSecrets(text, knownSecrets));
  };
  const stderr = (text: string): void => {
    io.stderr.write(redactSecrets(text, knownSecrets));
  };
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'account-id': { type: 'string' },
        region: { type: 'string' },
        'access-key-id': { type: 'string' },
        'access-key-secret': { type: 'string' },
        'data-dir': { type: 'string' },
        queue: { type: 'string', multiple: true },
        config: { type: 'string' },
        'no-auth': { type: 'boolean' },
        fsync: { type: 'boolean' },
        'access-log': { type: 'boolean' },
        'no-console': { type: 'boolean' },
        console: { type: 'boolean' },
        'max-long-polls-per-queue': { type: 'string' },
        'tps-limit': { type: 'string' },
        'account-tps-limit': { type: 'string' },
        'throttle-hold-ms': { type: 'string' },
        'stale-handle-after-visibility-change': { type: 'string' },
        'response-content-type': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    stderr(`${program}: ${(error as Error).message}\nRun '${program} --help' for usage.\n`);
    return 2;
  }
  if (values.help === true) {
    stdout(usage(program));
    return 0;
  }
  const str = (name: string): string | undefined => {
    const v = values[name];
    return typeof v === 'string' ? v : undefined;
  };
  let port = DEFAULT_CLI_PORT;
  const portText = str('port');
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
      stderr(
        `${program}: --port must be an integer 0–65535, got ${JSON.stringify(portText)}\nRun '${program} --help' for usage.\n`,
      );
      return 2;
    }
    port = Number(portText);
  }
  const secret = str('access-key-secret') ?? io.env?.MNS_LOCAL_ACCESS_KEY_SECRET;
  const keyId = str('access-key-id');
  if ((keyId === undefined) !== (secret === undefined)) {
    stderr(
      `${program}: --access-key-id and --access-key-secret (or MNS_LOCAL_ACCESS_KEY_SECRET) must be given together\n` +
        `Run '${program} --help' for usage.\n`,
    );
    return 2;
  }
  if (values.console === true && values['no-console'] === true) {
    stderr(`${program}: --console and --no-console exclude each other\nRun '${program} --help' for usage.\n`);
    return 2;
  }
  let queues: MnsLocalQueueSpec[];
  try {
    queues = await configuredQueues(values.queue, str('config'));
  } catch (error) {
    stderr(
      `${program}: ${isMnsError(error) ? error.detail : (error as Error).message}\nRun '${program} --help' for usage.\n`,
    );
    return 2;
  }
  let fidelity: Pick<
    MnsLocalOptions,
    | 'maxLongPollsPerQueue'
    | 'tpsLimit'
    | 'throttleHoldMs'
    | 'staleHandleAfterVisibilityChange'
    | 'responseContentType'
  >;
  try {
    fidelity = fidelityOptions(str);
  } catch (error) {
    stderr(`${program}: ${(error as Error).message}\nRun '${program} --help' for usage.\n`);
    return 2;
  }
  const accessLog =
    values['access-log'] === true
      ? (entry: AccessLogEntry) => {
          stdout(`${JSON.stringify(entry)}\n`);
        }
      : undefined;
  const options: MnsLocalOptions = {
    port,
    host: str('host'),
    accountId: str('account-id'),
    region: str('region'),
    accessKeyId: keyId,
    accessKeySecret: secret,
    dataDir: str('data-dir'),
    queues,
    sqliteSynchronous: values.fsync === true ? 'full' : 'normal',
    auth: values['no-auth'] !== true,
    accessLog,
    console: values['no-console'] === true ? false : values.console === true ? true : undefined,
    ...fidelity,
  };
  let server: MnsLocalServer;
  try {
    server = await startMnsLocal(options);
  } catch (error) {
    if (isMnsError(error) && error.code === 'ERR_MNS_INVALID_ARGUMENT') {
      stderr(`${program}: ${error.detail}\nRun '${program} --help' for usage.\n`);
      return 2;
    }
    if (isMnsError(error)) {
      stderr(`${program}: cannot start: ${error.code}: ${error.detail}\n`);
      return 1;
    }
    const e = error as NodeJS.ErrnoException;
    stderr(`${program}: cannot start: ${e.code ?? ''}${e.code === undefined ? '' : ' '}${e.message}\n`);
    return 1;
  }
  // A secret the user configured is shown masked (the user knows it; logs and terminals must not). The
  // built-in key pair is public test data (README), so it is printed in full for pasting into an SDK.
  const secretShown =
    secret !== undefined
      ? `${maskSecret(secret)}  (the secret you configured; never printed)`
      : `${server.accessKeySecret}  (the public mns-local test secret, not a real secret)`;
  stdout(
    `mns-local listening on ${server.endpoint}\n` +
      `  account id:        ${server.accountId}\n` +
      `  region:            ${server.region}\n` +
      `  auth:              ${options.auth ? 'on (MNS V1/V4 signatures)' : 'off (--no-auth)'}\n` +
      `  access key id:     ${server.accessKeyId}\n` +
      `  access key secret: ${secretShown}\n` +
      `  queues:            ${queues.length === 0 ? 'none pre-created (--queue, --config)' : queues.map((q) => q.name).join(', ')}\n` +
      `  storage:           ${options.dataDir === undefined ? 'in memory' : `SQLite in ${options.dataDir} (${options.sqliteSynchronous === 'full' ? 'fsync per commit' : 'WAL, crash-safe'})`}\n` +
      `  console:           ${consoleLine(server, values['no-console'] === true)}\n`,
  );
  io.onListening?.(server);
  await new Promise<void>((resolve) => {
    if (io.signal !== undefined) {
      if (io.signal.aborted) resolve();
      else io.signal.addEventListener('abort', () => resolve(), { once: true });
      return;
    }
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  stdout('mns-local stopped\n');
  return 0;
}

/** The queues of `--config <file>` then of each `--queue`; a name given twice is an error (in `startMnsLocal`). */
async function configuredQueues(
  flags: string | boolean | string[] | undefined,
  configFile: string | undefined,
): Promise<MnsLocalQueueSpec[]> {
  const queues: MnsLocalQueueSpec[] = [];
  if (configFile !== undefined) {
    let text: string;
    try {
      text = await readFile(configFile, 'utf8');
    } catch (error) {
      throw new Error(
        `--config ${configFile}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    queues.push(...parseMnsLocalConfig(text, `--config ${configFile}`).queues);
  }
  for (const flag of Array.isArray(flags) ? flags : []) queues.push(parseQueueSpec(flag, `--queue ${flag}`));
  return queues;
}

/** The banner's console line: the URL to open, or why there is none. */
function consoleLine(server: MnsLocalServer, turnedOff: boolean): string {
  if (server.consoleUrl !== undefined) {
    return isLoopbackHost(server.host)
      ? server.consoleUrl
      : `${server.consoleUrl}  (unsigned: anyone who reaches this port can use it)`;
  }
  return turnedOff ? 'off (--no-console)' : 'off (not loopback; --console turns it on)';
}

/** Values given to `--access-key-secret` (as `--access-key-secret v` or `--access-key-secret=v`), raw argv. */
function secretFlagValues(argv: readonly string[]): string[] {
  const found: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === '--access-key-secret') {
      const next = argv[i + 1];
      if (next !== undefined) found.push(next);
    } else if (arg.startsWith('--access-key-secret=')) {
      found.push(arg.slice('--access-key-secret='.length));
    }
  });
  return found;
}

/** The live-service limit flags as options; throws naming the flag when a value is not allowed. */
function fidelityOptions(
  str: (name: string) => string | undefined,
): Pick<
  MnsLocalOptions,
  | 'maxLongPollsPerQueue'
  | 'tpsLimit'
  | 'throttleHoldMs'
  | 'staleHandleAfterVisibilityChange'
  | 'responseContentType'
> {
  const int = (flag: string, low: number, high: number): number | undefined => {
    const text = str(flag);
    if (text === undefined) return undefined;
    const n = /^\d{1,7}$/.test(text) ? Number(text) : Number.NaN;
    if (!(n >= low && n <= high)) {
      throw new Error(`--${flag} must be an integer ${low}–${high}, got ${JSON.stringify(text)}`);
    }
    return n;
  };
  const oneOf = <T extends string>(flag: string, allowed: readonly T[]): T | undefined => {
    const text = str(flag);
    if (text === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(text)) {
      throw new Error(`--${flag} must be ${allowed.join(' or ')}, got ${JSON.stringify(text)}`);
    }
    return text as T;
  };
  const perQueue = int('tps-limit', 1, 1_000_000);
  const perAccount = int('account-tps-limit', 1, 1_000_000);
  return {
    maxLongPollsPerQueue: int('max-long-polls-per-queue', 1, 100_000),
    tpsLimit: perQueue === undefined && perAccount === undefined ? undefined : { perQueue, perAccount },
    throttleHoldMs: int('throttle-hold-ms', 0, 60_000),
    staleHandleAfterVisibilityChange: oneOf('stale-handle-after-visibility-change', ['accept', 'reject']),
    responseContentType: oneOf('response-content-type', ['text/xml', 'application/xml']),
  };
}

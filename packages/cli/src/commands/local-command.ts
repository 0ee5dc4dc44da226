import type { CommandSpec } from '../command.js';
import { redactSecrets } from '../config/mask-secret.js';
import type { ExitCodeValue } from '../errors/exit-codes.js';
import { stringFlag } from '../options/parse-command-args.js';

/**
 * `vodmns local` — the local MNS server. Same flags and behaviour as the `mns-local` bin (it runs
 * `@vodmns/mns-local`'s own CLI main); adds the `export …` lines to paste into another shell.
 */
export const localCommand: CommandSpec = {
  name: 'local',
  summary: 'start the local MNS server (same flags as mns-local)',
  usage: 'local [--port PORT] [--data-dir DIR] [flags]',
  description: [
    'Runs @vodmns/mns-local: the MNS HTTP/XML protocol with signature checks, visibility timeouts and long',
    'polling, in memory or durable in SQLite (--data-dir). Prints the endpoint, the web console URL',
    '(/__mns-local/console, on by default on loopback) and the credentials, then the environment variables',
    'that point vodmns (and the Alibaba Cloud SDKs) at it. Stops cleanly on Ctrl-C (exit 0).',
    'A secret you pass yourself is masked in the output; the built-in public test secret is shown.',
  ].join('\n'),
  positionals: { min: 0, max: 0 },
  options: {
    host: { type: 'string', description: 'interface to listen on (default 127.0.0.1)', valueName: 'HOST' },
    port: { type: 'string', description: 'TCP port, 0 = any free port (default 9988)', valueName: 'PORT' },
    'account-id': { type: 'string', description: 'account id reported to clients', valueName: 'ID' },
    region: { type: 'string', description: 'region id reported to clients', valueName: 'REGION' },
    'access-key-id': {
      type: 'string',
      description: 'accepted AccessKeyId (default: the public test key)',
      valueName: 'ID',
    },
    'access-key-secret': {
      type: 'string',
      description: 'its secret (or env MNS_LOCAL_ACCESS_KEY_SECRET)',
      valueName: 'SECRET',
    },
    'data-dir': {
      type: 'string',
      description: 'keep queues and messages in SQLite under DIR (default: memory)',
      valueName: 'DIR',
    },
    'no-auth': { type: 'boolean', description: 'accept unsigned requests' },
    'access-log': { type: 'boolean', description: 'one JSON line per request on stdout (no secrets)' },
    'no-console': { type: 'boolean', description: 'do not serve the web console (/__mns-local/console)' },
    console: {
      type: 'boolean',
      description: 'serve the console even beyond loopback (unsigned: anyone reaching the port can use it)',
    },
  },
  connection: false,
  examples: [
    'vodmns local',
    'vodmns local --port 0 --data-dir ./.mns-data',
    'eval "$(vodmns local --port 9988 | grep ^export)"   # in scripts: start in the background instead',
  ],
  async run({ io, values, positionals }) {
    void positionals;
    const userSecret = stringFlag(values, 'access-key-secret') ?? io.env.MNS_LOCAL_ACCESS_KEY_SECRET;
    const secrets = [userSecret];
    const mask = (text: string): string => redactSecrets(text, secrets);
    const argv: string[] = [];
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined || value === false) continue;
      if (value === true) argv.push(`--${name}`);
      else if (typeof value === 'string') argv.push(`--${name}`, value);
    }
    // Loaded on demand: the server (and its SQLite addon) is not needed by any other command.
    const { runMnsLocalCli } = await import('@vodmns/mns-local');
    const code = await runMnsLocalCli(argv, {
      stdout: { write: (t: string) => io.stdout.write(mask(t)) },
      stderr: { write: (t: string) => io.stderr.write(mask(t)) },
      env: io.env,
      programName: 'vodmns local',
      ...(io.signal === undefined ? {} : { signal: io.signal }),
      onListening: (server) => {
        const secret = userSecret === undefined ? server.accessKeySecret : '<your secret>';
        io.stdout.write(
          `\n  export MNS_ENDPOINT=${server.endpoint}\n` +
            `  export ALIBABA_CLOUD_ACCESS_KEY_ID=${server.accessKeyId}\n` +
            `  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${secret}\n\n` +
            'Ctrl-C stops the server.\n',
        );
      },
    });
    return code as ExitCodeValue;
  },
};

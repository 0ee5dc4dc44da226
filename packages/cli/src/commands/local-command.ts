import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { redactSecrets } from '@vodmns/core';
import type { CommandSpec } from '../command.js';
import { ExitCode, type ExitCodeValue } from '../errors/exit-codes.js';
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
    'that point vodmns (and the Alibaba Cloud SDKs) at it. Stops cleanly on Ctrl-C or SIGTERM (exit 0).',
    'A secret you pass yourself is masked in the output; the built-in public test secret is shown.',
    '',
    'The server keeps running, so "$(vodmns local …)" never returns. To use it from a script, start it in the',
    'background with --write-env: once it listens, the export lines are written to that file (mode 600, complete',
    'before it appears — it is written aside and renamed), and the file is removed when the server stops:',
    '  vodmns local --port 0 --write-env .mns.env &',
    '  until [ -s .mns.env ]; do sleep 0.1; done; . ./.mns.env',
    'A secret you configured yourself is not written to the file (a comment says so); export it yourself.',
    '(The flag is not called --env-file: Node 20 itself takes --env-file even after the script name.)',
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
    'write-env': {
      type: 'string',
      description: 'once listening, write the export lines to PATH (removed on stop); for scripts',
      valueName: 'PATH',
    },
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
    'vodmns local --port 0 --write-env .mns.env &  until [ -s .mns.env ]; do sleep 0.1; done; . ./.mns.env',
  ],
  async run({ io, values, positionals }) {
    void positionals;
    const userSecret = stringFlag(values, 'access-key-secret') ?? io.env.MNS_LOCAL_ACCESS_KEY_SECRET;
    const secrets = [userSecret];
    const mask = (text: string): string => redactSecrets(text, secrets);
    const envPath = stringFlag(values, 'write-env');
    const argv: string[] = [];
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined || value === false || name === 'write-env') continue;
      if (value === true) argv.push(`--${name}`);
      else if (typeof value === 'string') argv.push(`--${name}`, value);
    }
    let portInUse = false;
    // Loaded on demand: the server (and its SQLite addon) is not needed by any other command.
    const { runMnsLocalCli } = await import('@vodmns/mns-local');
    let written = false;
    let envPathFailed = false;
    // Stops the server on the CLI's stop signal, or when the env file cannot be written (a script waiting for
    // it would otherwise wait forever).
    const stop = new AbortController();
    const onStop = (): void => stop.abort();
    if (io.signal?.aborted === true) stop.abort();
    io.signal?.addEventListener('abort', onStop, { once: true });
    const code = await runMnsLocalCli(argv, {
      stdout: { write: (t: string) => io.stdout.write(mask(t)) },
      stderr: {
        write: (t: string) => {
          if (t.includes('EADDRINUSE')) portInUse = true;
          return io.stderr.write(mask(t));
        },
      },
      env: io.env,
      programName: 'vodmns local',
      signal: stop.signal,
      onListening: (server) => {
        const secret = userSecret === undefined ? server.accessKeySecret : '<your secret>';
        io.stdout.write(
          `\n  export MNS_ENDPOINT=${server.endpoint}\n` +
            `  export ALIBABA_CLOUD_ACCESS_KEY_ID=${server.accessKeyId}\n` +
            `  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${secret}\n\n` +
            'Ctrl-C stops the server.\n',
        );
        if (envPath !== undefined) {
          const lines = [
            `export MNS_ENDPOINT=${server.endpoint}`,
            `export ALIBABA_CLOUD_ACCESS_KEY_ID=${server.accessKeyId}`,
            userSecret === undefined
              ? `export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${server.accessKeySecret}`
              : '# ALIBABA_CLOUD_ACCESS_KEY_SECRET: the secret you configured (not written here; export it yourself)',
          ];
          try {
            // Written aside, then renamed: a reader never sees half a file.
            const aside = `${envPath}.${process.pid}.tmp`;
            writeFileSync(aside, `${lines.join('\n')}\n`, { mode: 0o600 });
            renameSync(aside, envPath);
            written = true;
            io.stderr.write(`vodmns local: environment written to ${envPath}\n`);
          } catch (error) {
            io.stderr.write(
              `vodmns: cannot write --write-env ${envPath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; stopping\n`,
            );
            envPathFailed = true;
            stop.abort();
          }
        }
      },
    });
    io.signal?.removeEventListener('abort', onStop);
    if (written && envPath !== undefined) rmSync(envPath, { force: true });
    if (envPathFailed) return ExitCode.failed;
    if (portInUse) {
      io.stderr.write(
        `  hint: the port is in use (another vodmns local or mns-local?): pick another with --port, or --port 0 for any free port\n`,
      );
    }
    return code as ExitCodeValue;
  },
};

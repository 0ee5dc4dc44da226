import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderRootHelp } from '../src/run-cli.js';
import { MNS_LOCAL_BIN, missingDist, spawnMnsLocal, VODMNS_BIN } from './helpers/mns-local-process.js';
import { vodmns } from './helpers/run.js';

const COMMANDS = [
  ['local'],
  ['queue', 'create'],
  ['queue', 'list'],
  ['queue', 'attrs'],
  ['queue', 'set'],
  ['queue', 'delete'],
  ['send'],
  ['peek'],
  ['receive'],
  ['tail'],
  ['simulate'],
  ['dlq', 'list'],
  ['dlq', 'replay'],
  ['callback', 'check'],
  ['callback', 'print'],
  ['config'],
];

describe('--help', () => {
  it.each(COMMANDS)('vodmns %s %s --help shows usage, flags, examples and exit codes', async (...cmd) => {
    const r = await vodmns([...cmd.filter((c): c is string => typeof c === 'string'), '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: vodmns /);
    expect(r.stdout).toContain('Examples:\n  vodmns ');
    expect(r.stdout).toContain('Exit codes: 0 ok · 1 operation failed · 2 usage error');
    expect(r.stdout).toContain('-h, --help');
  });

  it('the root help lists every command; no arguments is a usage error (2)', async () => {
    for (const cmd of COMMANDS) expect(renderRootHelp()).toContain(`  ${cmd.join(' ')} `);
    expect((await vodmns(['--help'])).code).toBe(0);
    const none = await vodmns([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('Usage: vodmns <command>');
    expect((await vodmns(['help', 'tail'])).stdout).toMatch(/^Usage: vodmns tail/);
    expect((await vodmns(['queue'])).code).toBe(2);
    expect((await vodmns(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

type Watch = (text: string, kill: (s: NodeJS.Signals) => void) => void;

function run(args: readonly string[], env: Record<string, string>, onStdout?: Watch, onStderr?: Watch) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [VODMNS_BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      onStdout?.(stdout, (s) => child.kill(s));
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      onStderr?.(stderr, (s) => child.kill(s));
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const skipBin = missingDist(VODMNS_BIN, MNS_LOCAL_BIN);

describe.skipIf(skipBin !== undefined)(
  `the vodmns bin as a real process${skipBin ? ` — skipped: ${skipBin}` : ''}`,
  () => {
    it('vodmns local starts a server that vodmns commands talk to, and stops on SIGTERM with exit 0', async () => {
      const server = await spawnMnsLocal([VODMNS_BIN, 'local']);
      try {
        const created = await run(['queue', 'create', 'bin-q'], server.env);
        expect(created).toMatchObject({ code: 0, stderr: '' });
        const listed = await run(['queue', 'list'], server.env);
        expect(listed.stdout).toMatch(/bin-q/);
      } finally {
        await server[Symbol.asyncDispose]();
      }
      expect(server.child.exitCode).toBe(0);
    });

    it('vodmns local prints export lines and masks a secret you gave it', async () => {
      const secret = 'MyOwnLocalSecret-12345';
      let out = '';
      let stopped = false;
      const r = await run(
        ['local', '--port', '0', '--access-key-id', 'mykey', '--access-key-secret', secret],
        {},
        (text, kill) => {
          out = text;
          if (!stopped && text.includes('Ctrl-C stops the server')) {
            stopped = true;
            kill('SIGINT');
          }
        },
      );
      expect(r.code).toBe(0);
      expect(out).toMatch(/export MNS_ENDPOINT=http:\/\/127\.0\.0\.1:\d+/);
      expect(out).toContain('export ALIBABA_CLOUD_ACCESS_KEY_ID=mykey');
      expect(out).toMatch(/console: {11}http:\/\/127\.0\.0\.1:\d+\/__mns-local\/console\//);
      expect(r.stdout + r.stderr).not.toContain(secret);
    });

    it('bad flags exit 2 and an unreachable endpoint exits 4, each with one line plus a hint', async () => {
      const bad = await run(['queue', 'list', '--nope'], {});
      expect(bad.code).toBe(2);
      expect(bad.stderr.trimEnd().split('\n')).toHaveLength(2);
      const down = await run(['queue', 'list'], {
        MNS_ENDPOINT: 'http://127.0.0.1:9',
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'id',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret-never-shown',
      });
      expect(down.code).toBe(4);
      expect(down.stderr).toMatch(
        /^vodmns: cannot reach the MNS endpoint \(http:\/\/127\.0\.0\.1:9\): .*\n {2}hint: .*\n$/,
      );
      expect(down.stderr).not.toContain('secret-never-shown');
    });

    it('tail --ack exits 130 on SIGINT after draining', async () => {
      const server = await spawnMnsLocal();
      try {
        await run(['queue', 'create', 'sig-q'], server.env);
        await run(['send', 'sig-q', 'one'], server.env);
        let sent = false;
        const r = await run(['tail', 'sig-q', '--ack', '--wait', '1'], server.env, (text, kill) => {
          if (!sent && text.includes('"one"')) {
            sent = true;
            kill('SIGINT');
          }
        });
        expect(r.code).toBe(130);
        expect(r.stderr).toMatch(/1 message\(s\) shown, [01] deleted, [01] released back to the queue/);
      } finally {
        await server[Symbol.asyncDispose]();
      }
    });
  },
);

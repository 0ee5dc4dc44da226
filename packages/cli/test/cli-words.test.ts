import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closedPort,
  MNS_LOCAL_BIN,
  type MnsLocalProcess,
  missingDist,
  spawnMnsLocal,
  VODMNS_BIN,
} from './helpers/mns-local-process.js';
import { vodmns } from './helpers/run.js';
import { runBin } from './helpers/vodmns-bin.js';

const skip = missingDist(MNS_LOCAL_BIN, VODMNS_BIN);

describe.skipIf(skip !== undefined)(
  `CLI words, the real bin${skip ? ` — skipped: ${skip}` : ''}`,
  { timeout: 90_000 },
  () => {
    let server: MnsLocalProcess;
    beforeAll(async () => {
      server = await spawnMnsLocal();
    });
    afterAll(async () => {
      await server?.[Symbol.asyncDispose]();
    });

    it('an unknown flag gets "did you mean" from the command\'s own flags; so does a mistyped command', async () => {
      const r = await runBin(['queue', 'list', '--prefx', 'a'], server.env);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        "vodmns: unknown flag '--prefx'\n  hint: did you mean --prefix? (see: vodmns queue list --help)\n",
      );
      const c = await runBin(['tial', 'q'], server.env);
      expect(c.stderr).toContain('hint: did you mean vodmns tail?');
    });

    it('hints name CLI flags, not API options, and no library method name is shown', async () => {
      await vodmns(['queue', 'create', 'words-q'], server.env);
      const r = await runBin(['send', 'words-q', 'a\u0001b'], server.env);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        'vodmns: the message body contains U+0001 at index 1, which XML 1.0 cannot carry\n' +
          '  hint: send it with --base64 (base64 on the wire, as the Java/Python SDKs do)\n',
      );
      const bad = await runBin(['receive', 'words-q', '-n', '17'], server.env);
      expect(bad.stderr).not.toMatch(/\[[a-z]+[A-Z][a-zA-Z]*\]/);
    });

    it('queue delete of a missing queue says so (exit 1); a create conflict names the attributes that differ', async () => {
      const d = await runBin(['queue', 'delete', 'never-made-q'], server.env);
      expect(d.code).toBe(1);
      expect(d.stderr).toMatch(/^vodmns: no queue named never-made-q: nothing deleted\n/);
      await vodmns(['queue', 'create', 'conflict-q', '--visibility-timeout', '60'], server.env);
      const c = await runBin(['queue', 'create', 'conflict-q', '--retention', '3600'], server.env);
      expect(c.code).toBe(1);
      expect(c.stderr).toContain(
        'vodmns: queue conflict-q already exists with other attributes: --visibility-timeout: the queue has 60, you asked for 30 (the default); --retention: the queue has 345600, you asked for 3600\n',
      );
    });

    it('a port in use gets a hint', async () => {
      const port = new URL(server.endpoint).port;
      const r = await runBin(['local', '--port', port], {});
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('EADDRINUSE');
      expect(r.stderr).toContain('hint: the port is in use');
      expect(r.stderr).toContain('--port 0 for any free port');
    });

    it('callback check probes the endpoint it was given, not the connection endpoint', async () => {
      const port = await closedPort();
      const given = `http://127.0.0.1:${port}/`;
      const r = await runBin(
        ['callback', 'check', '--mns-endpoint', given, '--queue', 'words-q', '--json'],
        server.env,
      );
      const out = JSON.parse(r.stdout) as { probes: { check: string; ok: boolean; detail: string }[] };
      expect(out.probes[0]).toMatchObject({ check: 'endpoint reachable', ok: false });
      expect(out.probes[0]?.detail).toContain(`127.0.0.1:${port}`);
      // The connection endpoint is down, the given one is up: the probe passes.
      const up = await runBin(
        ['callback', 'check', '--mns-endpoint', `${server.endpoint}/`, '--queue', 'words-q', '--json'],
        { ...server.env, MNS_ENDPOINT: `http://127.0.0.1:${port}` },
      );
      const upOut = JSON.parse(up.stdout) as { probes: { check: string; ok: boolean }[] };
      expect(upOut.probes.find((p) => p.check === 'queue exists')?.ok).toBe(true);
    });

    it('callback print against local: a clear refusal without --mns-endpoint, the parameters with it', async () => {
      const refused = await runBin(['callback', 'print', '--queue', 'vod-events'], server.env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('is not an Alibaba Cloud MNS endpoint: VOD cannot write to it');
      expect(refused.stderr).toContain('hint: give the public endpoint');
      const ok = await runBin(
        [
          'callback',
          'print',
          '--mns-endpoint',
          'https://1234567890123456.mns.cn-shanghai.aliyuncs.com/',
          '--queue',
          'vod-events',
          '--event-types',
          'FileUploadComplete,TranscodeComplete,AIComplete',
          '--json',
        ],
        server.env,
      );
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ CallbackType: 'MNS', MnsQueueName: 'vod-events' });
    });

    it('callback print --callback-type HTTP puts a placeholder, never a masked key, in the line to paste', async () => {
      const key = 'Abcdefgh12345678XYZ';
      const r = await runBin(
        [
          'callback',
          'print',
          '--callback-type',
          'HTTP',
          '--callback-url',
          'https://example.com/cb',
          '--auth-switch',
          'on',
          '--auth-key',
          key,
        ],
        {},
      );
      expect(r.code).toBe(0);
      const line = r.stdout.split('\n').find((l) => l.startsWith('aliyun vod SetMessageCallback')) ?? '';
      expect(line).toContain('--AuthKey "$VOD_CALLBACK_AUTH_KEY"');
      expect(line).not.toContain('*');
      expect(r.stdout).toContain('The AuthKey is not printed');
      expect(r.stdout + r.stderr).not.toContain(key);
    });

    it('vodmns local --write-env: a background server writes a file to source, removed when it stops', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vodmns-env-'));
      const file = join(dir, 'mns.env');
      const child = spawn(process.execPath, [VODMNS_BIN, 'local', '--port', '0', '--write-env', file], {
        env: { PATH: process.env.PATH ?? '' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      try {
        const deadline = Date.now() + 20_000;
        while (!existsSync(file) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        expect(statSync(file).mode & 0o777).toBe(0o600);
        expect(readFileSync(file, 'utf8')).toMatch(/^export MNS_ENDPOINT=http:\/\/127\.0\.0\.1:\d+\n/);
        // The documented use: source the file, then talk to the server.
        const listed = await new Promise<{ code: number | null; out: string }>((resolve) => {
          const sh = spawn(
            'sh',
            ['-c', `. "${file}" && "${process.execPath}" "${VODMNS_BIN}" queue create env-q`],
            {
              env: { PATH: process.env.PATH ?? '' },
            },
          );
          let out = '';
          sh.stdout.on('data', (d: Buffer) => {
            out += d.toString();
          });
          sh.on('close', (code) => resolve({ code, out }));
        });
        expect(listed).toMatchObject({ code: 0 });
        expect(listed.out).toContain('created');
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
      expect(existsSync(file)).toBe(false);
    });
  },
);

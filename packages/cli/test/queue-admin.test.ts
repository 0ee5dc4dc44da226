import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closedPort,
  MNS_LOCAL_BIN,
  type MnsLocalProcess,
  missingDist,
  spawnMnsLocal,
} from './helpers/mns-local-process.js';
import { vodmns } from './helpers/run.js';

// Needs packages/mns-local/dist (CI builds before testing).
const skip = missingDist(MNS_LOCAL_BIN);

describe.skipIf(skip !== undefined)(
  `vodmns against a real mns-local process${skip ? ` — skipped: ${skip}` : ''}`,
  () => {
    let server: MnsLocalProcess;
    beforeAll(async () => {
      server = await spawnMnsLocal();
    });
    afterAll(async () => {
      await server?.[Symbol.asyncDispose]();
    });

    it('creates, lists, shows, changes and deletes a queue', async () => {
      const env = server.env;
      const created = await vodmns(
        ['queue', 'create', 'q-admin', '--visibility-timeout', '7', '--retention', '3600'],
        env,
      );
      expect(created).toMatchObject({ code: 0, stderr: '' });
      expect(created.stdout).toMatch(/^created: .*\/queues\/q-admin\n$/);

      const again = await vodmns(
        ['queue', 'create', 'q-admin', '--visibility-timeout', '7', '--retention', '3600'],
        env,
      );
      expect(again.code).toBe(0);

      const list = await vodmns(['queue', 'list', '--prefix', 'q-adm'], env);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/queue\s+active\s+inactive/);
      expect(list.stdout).toMatch(/q-admin\s+0\s+0\s+0\s+7\s+3600/);
      expect(list.stderr).toContain('the message counts are exact on mns-local only');

      const set = await vodmns(['queue', 'set', 'q-admin', '--polling-wait', '3', '--logging', 'true'], env);
      expect(set).toMatchObject({ code: 0 });

      const attrs = await vodmns(['queue', 'attrs', 'q-admin', '--json'], env);
      expect(attrs.code).toBe(0);
      expect(JSON.parse(attrs.stdout)).toMatchObject({
        queueName: 'q-admin',
        visibilityTimeoutSeconds: 7,
        pollingWaitSeconds: 3,
        messageRetentionPeriodSeconds: 3600,
        loggingEnabled: true,
      });

      expect((await vodmns(['queue', 'delete', 'q-admin'], env)).code).toBe(0);
      const gone = await vodmns(['queue', 'attrs', 'q-admin'], env);
      expect(gone.code).toBe(1);
      expect(gone.stderr).toMatch(
        /^vodmns: .*QueueNotExist.*\n {2}hint: create it first: vodmns queue create <name>.*\n$/,
      );
    });

    it('sends, peeks, receives and deletes messages', async () => {
      const env = server.env;
      expect((await vodmns(['queue', 'create', 'q-msg'], env)).code).toBe(0);
      const event = JSON.stringify({
        EventType: 'FileUploadComplete',
        EventTime: '2025-01-01T00:00:00Z',
        VideoId: 'aaaabbbbccccddddeeeeffff00001111',
        Status: 'success',
        Size: 10,
      });
      const sent = await vodmns(['send', 'q-msg', event], env);
      expect(sent.code).toBe(0);
      expect(sent.stdout).toMatch(/^sent [0-9A-F]+ \(md5 [0-9A-F]{32}\)\n$/);
      expect((await vodmns(['send', 'q-msg', '-'], env, { stdin: 'plain text body' })).code).toBe(0);

      const peek = await vodmns(['peek', 'q-msg', '-n', '16'], env);
      expect(peek.code).toBe(0);
      expect(peek.stdout).toContain('FileUploadComplete aaaabbbbccccddddeeeeffff00001111 success Size=10');
      expect(peek.stdout).toContain('plain text body');

      const received = await vodmns(['receive', 'q-msg', '-n', '16', '--delete', '--json'], env);
      expect(received.code).toBe(0);
      const lines = received.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { messageBody: string; dequeueCount: number });
      expect(lines.map((l) => l.messageBody).sort()).toEqual([event, 'plain text body'].sort());
      expect(lines.every((l) => l.dequeueCount === 1)).toBe(true);
      expect(received.stderr).toContain('deleted 2 of 2');

      const empty = await vodmns(['receive', 'q-msg', '--wait', '0'], env);
      expect(empty).toMatchObject({ code: 0, stdout: '' });
      expect(empty.stderr).toContain('no message in q-msg');
    });

    it('receive without --delete leaves the message to come back', async () => {
      const env = server.env;
      await vodmns(['queue', 'create', 'q-vis', '--visibility-timeout', '1'], env);
      await vodmns(['send', 'q-vis', 'hello'], env);
      const first = await vodmns(['receive', 'q-vis', '--json'], env);
      expect(first.stderr).toContain('not deleted');
      // Comes back after its 1 s visibility timeout: poll with a generous deadline.
      const deadline = Date.now() + 10_000;
      let again: { dequeueCount: number } | undefined;
      while (again === undefined && Date.now() < deadline) {
        const r = await vodmns(['receive', 'q-vis', '--wait', '1', '--json'], env);
        if (r.stdout !== '') again = JSON.parse(r.stdout) as { dequeueCount: number };
      }
      expect(again?.dequeueCount).toBe(2);
    });

    it('usage errors exit 2 with one line and a hint', async () => {
      const env = server.env;
      const cases: [string[], RegExp][] = [
        [
          ['queue', 'create', 'q', '--visibility-timeout', '0'],
          /--visibility-timeout must be an integer from 1 to 43200, got "0"/,
        ],
        [['queue', 'create', 'q', '--bogus'], /unknown flag '--bogus'/],
        [['queue', 'create'], /missing argument: usage: vodmns queue create <queue>/],
        [['queue', 'frobnicate'], /unknown command "queue frobnicate"/],
        [['nope'], /unknown command "nope"/],
        [['queue', 'set', 'q'], /queue set needs at least one attribute flag/],
        [['queue', 'create', 'q', '--logging', 'maybe'], /--logging must be true or false/],
        [['peek', 'q', '-n', '17'], /--number must be an integer from 1 to 16/],
        [['send', 'q'], /missing message body/],
      ];
      for (const [argv, message] of cases) {
        const r = await vodmns(argv, env);
        expect(r.code, argv.join(' ')).toBe(2);
        expect(r.stdout).toBe('');
        const lines = r.stderr.trimEnd().split('\n');
        expect(lines).toHaveLength(2);
        expect(lines[0]).toMatch(message);
        expect(lines[1]).toMatch(/^ {2}hint: /);
      }
    });

    it('rejected credentials exit 3 and never show the secret', async () => {
      const secret = 'WrongSecretValue1234567890';
      const r = await vodmns(['queue', 'list'], { ...server.env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret });
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/^vodmns: the endpoint rejected the credentials: .*SignatureDoesNotMatch/);
      expect(r.stderr + r.stdout).not.toContain(secret);
      const flag = await vodmns(['queue', 'list', '--access-key-secret', secret], server.env);
      expect(flag.code).toBe(3);
      expect(flag.stderr + flag.stdout).not.toContain(secret);
    });

    it('a missing endpoint or key is a config error (3)', async () => {
      const none = await vodmns(['queue', 'list'], {});
      expect(none.code).toBe(3);
      expect(none.stderr).toBe(
        'vodmns: no MNS endpoint configured\n  hint: pass --endpoint, set MNS_ENDPOINT, or use a profile; for a local server run: vodmns local\n',
      );
      const noKey = await vodmns(['queue', 'list'], { MNS_ENDPOINT: server.endpoint });
      expect(noKey.code).toBe(3);
      expect(noKey.stderr).toMatch(/no credentials: ALIBABA_CLOUD_ACCESS_KEY_ID is not set/);
      const badUrl = await vodmns(['queue', 'list', '--endpoint', 'not a url'], server.env);
      expect(badUrl.code).toBe(2);
    });

    it('an unreachable endpoint exits 4 with one line naming it', async () => {
      const port = await closedPort();
      const endpoint = `http://127.0.0.1:${port}`;
      const r = await vodmns(['queue', 'list'], { ...server.env, MNS_ENDPOINT: endpoint });
      expect(r.code).toBe(4);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain(`cannot reach the MNS endpoint (${endpoint})`);
    });

    it('reads a named profile from the profile file; flags and env override it', async () => {
      const home = mkdtempSync(join(tmpdir(), 'vodmns-profile-'));
      mkdirSync(join(home, '.vodmns'));
      writeFileSync(
        join(home, '.vodmns', 'config.json'),
        JSON.stringify({
          defaultProfile: 'broken',
          profiles: {
            broken: { endpoint: 'http://127.0.0.1:9', accessKeyId: 'x', accessKeySecret: 'y' },
            local: {
              endpoint: server.endpoint,
              accessKeyId: server.accessKeyId,
              accessKeySecret: server.accessKeySecret,
            },
          },
        }),
      );
      expect((await vodmns(['queue', 'list', '--profile', 'local'], {}, { homeDir: home })).code).toBe(0);
      expect((await vodmns(['queue', 'list'], { VODMNS_PROFILE: 'local' }, { homeDir: home })).code).toBe(0);
      // The default profile points at a closed port: unreachable, unless env overrides the endpoint.
      expect((await vodmns(['queue', 'list'], {}, { homeDir: home })).code).toBe(4);
      const overridden = await vodmns(['queue', 'list'], { ...server.env }, { homeDir: home });
      expect(overridden.code).toBe(0);
      const missing = await vodmns(['queue', 'list', '--profile', 'nope'], {}, { homeDir: home });
      expect(missing.code).toBe(3);
      expect(missing.stderr).toMatch(/profile "nope" not found .*known: broken, local/);
    });

    it('sends base64 on the wire and reads it back as text', async () => {
      const env = server.env;
      await vodmns(['queue', 'create', 'q-b64'], env);
      expect((await vodmns(['send', 'q-b64', 'héllo wörld', '--base64'], env)).code).toBe(0);
      const peek = await vodmns(['peek', 'q-b64', '--json'], env);
      expect((JSON.parse(peek.stdout) as { messageBody: string }).messageBody).toBe(
        Buffer.from('héllo wörld').toString('base64'),
      );
    });

    it('config shows where settings come from and masks secrets', async () => {
      const r = await vodmns(['config', '--json'], {
        ...server.env,
        ALIBABA_CLOUD_SECURITY_TOKEN: 'token-abcdefghijkl',
      });
      expect(r.code).toBe(0);
      const shown = JSON.parse(r.stdout) as Record<string, { value: string; source: string | null }>;
      expect(shown.endpoint).toEqual({ value: server.endpoint, source: 'env' });
      expect(shown.accessKeySecret?.value).not.toContain(server.accessKeySecret.slice(0, -2));
      expect(r.stdout).not.toContain('token-abcdefghijkl');
    });
  },
);

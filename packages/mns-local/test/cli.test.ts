import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_ACCESS_KEY_SECRET,
  type MnsLocalServer,
  runMnsLocalCli,
} from '../src/index.js';
import { createTestClient } from './helpers/test-client.js';

function io(signal?: AbortSignal, onListening?: (s: MnsLocalServer) => void) {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      env: {},
      ...(signal ? { signal } : {}),
      ...(onListening ? { onListening } : {}),
    },
    out: () => stdout,
    err: () => stderr,
  };
}

describe('mns-local CLI (runMnsLocalCli)', () => {
  it('--help prints usage and exits 0', async () => {
    const c = io();
    expect(await runMnsLocalCli(['--help'], c.io)).toBe(0);
    expect(c.out()).toContain('Usage: mns-local');
    expect(c.out()).toContain('--data-dir');
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--port', 'abc'], /--port must be an integer/],
    [['--port', '70000'], /--port must be an integer/],
    [['--access-key-id', 'only-id'], /must be given together/],
    [['--region', 'Bad Region'], /region/],
    [['positional'], /positional/i],
    [['--console', '--no-console'], /--console and --no-console exclude each other/],
  ])('%j → exit 2 with one clear line and a hint', async (argv, message) => {
    const c = io();
    expect(await runMnsLocalCli(argv, c.io)).toBe(2);
    const lines = c.err().trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(message);
    expect(lines[1]).toBe("Run 'mns-local --help' for usage.");
  });

  it('starts, prints endpoint and credentials once, logs JSON lines without secrets, stops on abort', async () => {
    const controller = new AbortController();
    let server: MnsLocalServer | undefined;
    const c = io(controller.signal, (s) => {
      server = s;
    });
    const running = runMnsLocalCli(
      [
        '--port',
        '0',
        '--access-key-id',
        'my-id',
        '--access-key-secret',
        'my-own-secret',
        '--access-log',
        '--region',
        'cn-beijing',
      ],
      c.io,
    );
    await expect.poll(() => server, { timeout: 10_000 }).toBeDefined();
    expect(c.out()).toContain(`mns-local listening on ${server!.endpoint}`);
    expect(c.out()).toContain(`console:           ${server!.endpoint}/__mns-local/console/\n`);
    expect(c.out()).toContain('access key id:     my-id');
    expect(c.out()).toContain('access key secret: ****  (the secret you configured; never printed)');
    expect(c.out()).not.toContain('my-own-secret');
    const client = createTestClient(server!, 'socket');
    expect((await client.request({ method: 'PUT', path: '/queues/cli-q', body: '<Queue/>' })).status).toBe(
      201,
    );
    expect(
      (
        await client.request({
          method: 'GET',
          path: '/queues',
          credentials: { accessKeyId: 'my-id', accessKeySecret: 'nope' },
        })
      ).status,
    ).toBe(403);
    client.close();
    controller.abort();
    expect(await running).toBe(0);
    const logLines = c
      .out()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logLines).toHaveLength(2);
    expect(logLines[0]).toMatchObject({
      method: 'PUT',
      path: '/queues/cli-q',
      operation: 'CreateQueue',
      status: 201,
      accessKeyId: 'my-id',
    });
    expect(logLines[1]).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(c.out()).not.toContain('my-own-secret');
    expect(c.out()).not.toMatch(/authorization|MNS my-id:/i);
    expect(c.out()).toContain('mns-local stopped');
  });

  it('prints the built-in public test secret in full, labelled as public test data', async () => {
    const controller = new AbortController();
    let server: MnsLocalServer | undefined;
    const c = io(controller.signal, (s) => (server = s));
    const running = runMnsLocalCli(['--port', '0'], c.io);
    await expect.poll(() => server, { timeout: 10_000 }).toBeDefined();
    expect(c.out()).toContain(`access key id:     ${DEFAULT_ACCESS_KEY_ID}`);
    expect(c.out()).toContain(
      `access key secret: ${DEFAULT_ACCESS_KEY_SECRET}  (the public mns-local test secret, not a real secret)`,
    );
    controller.abort();
    expect(await running).toBe(0);
  });

  it('masks a secret from MNS_LOCAL_ACCESS_KEY_SECRET in the banner', async () => {
    const controller = new AbortController();
    let server: MnsLocalServer | undefined;
    const c = io(controller.signal, (s) => (server = s));
    const secret = 'env-secret-0123456789';
    const running = runMnsLocalCli(['--port', '0', '--access-key-id', 'env-id'], {
      ...c.io,
      env: { MNS_LOCAL_ACCESS_KEY_SECRET: secret },
    });
    await expect.poll(() => server, { timeout: 10_000 }).toBeDefined();
    expect(server!.accessKeySecret).toBe(secret);
    expect(c.out()).toContain('access key secret: ****  (the secret you configured; never printed)');
    controller.abort();
    expect(await running).toBe(0);
    expect(c.out() + c.err()).not.toContain(secret);
  });

  it.each([
    [['--access-key-id', 'id', '--access-key-secret', 'pasted-secret-1234', 'pasted-secret-1234']],
    [['--access-key-id', 'id', '--access-key-secret=pasted-secret-1234', 'pasted-secret-1234']],
  ])('never echoes a configured secret in a usage error (%j)', async (argv) => {
    const c = io();
    expect(await runMnsLocalCli(argv, c.io)).toBe(2);
    expect(c.err()).toMatch(/positional/i);
    expect(c.err() + c.out()).not.toContain('pasted-secret-1234');
  });

  it('a port in use → exit 1 with the reason', async () => {
    const controller = new AbortController();
    let server: MnsLocalServer | undefined;
    const first = runMnsLocalCli(['--port', '0'], io(controller.signal, (s) => (server = s)).io);
    await expect.poll(() => server, { timeout: 10_000 }).toBeDefined();
    const c = io();
    expect(await runMnsLocalCli(['--port', String(server!.port)], c.io)).toBe(1);
    expect(c.err()).toMatch(/EADDRINUSE/);
    controller.abort();
    expect(await first).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { type MnsLocalServer, runMnsLocalCli } from '../src/index.js';
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
    expect(c.out()).toContain('access key id:     my-id');
    expect(c.out().split('my-own-secret')).toHaveLength(2);
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
    expect(c.out().split('my-own-secret')).toHaveLength(2);
    expect(c.out()).not.toMatch(/authorization|MNS my-id:/i);
    expect(c.out()).toContain('mns-local stopped');
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
